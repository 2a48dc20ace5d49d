//! The `tecton-preflight/check/v1` document (SPEC §8). Changing its shape is a breaking change.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use serde::Serialize;

use super::{display_path, place, ReportOptions};
use crate::check::CheckResult;
use crate::diagnostic::Severity;
use crate::model::{ListedObject, Origin, TectonObject};
use crate::sdk::SdkSource;

pub const SCHEMA: &str = super::CHECK_SCHEMA;

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    roots: Vec<RootJson<'a>>,
    diagnostics: Vec<DiagnosticJson<'a>>,
    summary: SummaryJson,
}

#[derive(Serialize)]
struct RootJson<'a> {
    path: String,
    sdk: Option<SdkJson>,
    repo_config: Option<String>,
    objects: ObjectsJson<'a>,
}

/// A root's objects, written one by one as the document is written rather than gathered first (a
/// monorepo lists tens of thousands).
struct ObjectsJson<'a> {
    listed: std::borrow::Cow<'a, [ListedObject]>,
    cwd: &'a Path,
}

impl Serialize for ObjectsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.listed.len()))?;
        // The objects come by file: each file's path is shown once.
        let mut shown: Option<(&Path, String)> = None;
        for o in self.listed.iter() {
            if shown.as_ref().is_none_or(|(file, _)| *file != &*o.file) {
                shown = Some((&o.file, display_path(&o.file, self.cwd)));
            }
            let file = shown.as_ref().map_or("", |(_, text)| text.as_str());
            seq.serialize_element(&object(o, file))?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct SdkJson {
    version: String,
    source: String,
}

#[derive(Serialize)]
struct ObjectJson<'a> {
    kind: &'static str,
    name: Option<&'a str>,
    file: &'a str,
    line: usize,
    online: Option<bool>,
    offline: Option<bool>,
    materialized: Option<bool>,
    compute: &'static str,
    runtime: Option<SettingJson<'a>>,
    environment: Option<SettingJson<'a>>,
}

#[derive(Serialize)]
struct SettingJson<'a> {
    value: &'a str,
    origin: crate::model::Origin,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    code: &'static str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    fix: Option<FixJson<'a>>,
}

/// A finding's fix: what it does, whether `--fix` applies it, and its edits (positions as for
/// diagnostics, into the file as read; `content` replaces the range).
#[derive(Serialize)]
struct FixJson<'a> {
    message: &'a str,
    applicability: crate::fix::Applicability,
    edits: Vec<EditJson<'a>>,
}

#[derive(Serialize)]
struct EditJson<'a> {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    content: &'a str,
}

#[derive(Serialize)]
struct SummaryJson {
    roots: usize,
    files: usize,
    objects: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

fn setting(s: &Option<(Arc<str>, Origin)>) -> Option<SettingJson<'_>> {
    s.as_ref().map(|(value, origin)| SettingJson {
        value,
        origin: *origin,
    })
}

fn object<'a>(o: &'a ListedObject, file: &'a str) -> ObjectJson<'a> {
    ObjectJson {
        kind: o.kind.as_str(),
        name: o.name.as_deref(),
        file,
        line: o.line,
        online: o.online,
        offline: o.offline,
        materialized: if o.kind.is_materializable() {
            o.materialized()
        } else {
            None
        },
        compute: o.compute.as_str(),
        runtime: setting(&o.runtime),
        environment: setting(&o.environment),
    }
}

pub fn source_text(source: &SdkSource, options: &ReportOptions) -> String {
    match source {
        SdkSource::Flag => "--sdk-version".to_string(),
        // The configuration can sit in the same `pyproject.toml` as a pin: say which one decided.
        SdkSource::ToolConfig(p) => format!("sdk-version in {}", display_path(p, &options.cwd)),
        SdkSource::PinFile(p) | SdkSource::Installed(p) => display_path(p, &options.cwd),
    }
}

pub fn print(
    result: &CheckResult,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let roots = result
        .roots
        .iter()
        .map(|r| {
            let listed = match &r.listed {
                Some(listed) => std::borrow::Cow::Borrowed(listed.as_slice()),
                None => std::borrow::Cow::Owned(ListedObject::list(
                    &r.objects,
                    &|o: &TectonObject| place(&o.span, &result.sources).line,
                    &mut Default::default(),
                )),
            };
            RootJson {
                path: display_path(&r.path, &options.cwd),
                sdk: r.sdk.as_ref().map(|s| SdkJson {
                    version: s.version.display.clone(),
                    source: source_text(&s.source, options),
                }),
                repo_config: r
                    .config_exists
                    .then(|| display_path(&r.config_path, &options.cwd)),
                objects: ObjectsJson {
                    listed,
                    cwd: &options.cwd,
                },
            }
        })
        .collect();
    let diagnostics = result
        .diagnostics
        .iter()
        .map(|d| {
            let p = d.span.as_ref().map(|s| place(s, &result.sources));
            DiagnosticJson {
                code: d.code,
                severity: d.severity(),
                message: &d.message,
                help: d.help.as_deref(),
                file: d.span.as_ref().map(|s| display_path(&s.file, &options.cwd)),
                line: p.as_ref().map(|p| p.line),
                column: p.as_ref().map(|p| p.column),
                end_line: p.as_ref().map(|p| p.end_line),
                end_column: p.as_ref().map(|p| p.end_column),
                fix: d.fix.as_ref().map(|f| FixJson {
                    message: &f.message,
                    applicability: f.applicability,
                    edits: f
                        .edits
                        .iter()
                        .map(|e| {
                            let p = place(
                                &crate::diagnostic::Span::new(e.file.clone(), e.start, e.end),
                                &result.sources,
                            );
                            EditJson {
                                file: display_path(&e.file, &options.cwd),
                                line: p.line,
                                column: p.column,
                                end_line: p.end_line,
                                end_column: p.end_column,
                                content: &e.replacement,
                            }
                        })
                        .collect(),
                }),
            }
        })
        .collect();
    let document = Document {
        schema: SCHEMA,
        roots,
        diagnostics,
        summary: SummaryJson {
            roots: result.roots.len(),
            files: result.roots.iter().map(|r| r.files).sum(),
            objects: result.roots.iter().map(|r| r.object_count()).sum(),
            errors: result.count(Severity::Error),
            warnings: result.count(Severity::Warning),
            infos: result.count(Severity::Info),
        },
    };
    // `From` keeps the kind of a write error (a closed pipe stays `BrokenPipe`).
    super::write_json(out, &document, std::io::Error::from)
}
