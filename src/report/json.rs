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

/// The document; serde writes it only in the test that holds [`write_document`] to serde's
/// output.
#[cfg_attr(test, derive(Serialize))]
struct Document<'a> {
    schema: &'static str,
    roots: Vec<RootJson<'a>>,
    diagnostics: Vec<DiagnosticJson<'a>>,
    summary: SummaryJson,
}

#[cfg_attr(test, derive(Serialize))]
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

#[cfg(test)]
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

#[cfg(test)]
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

#[cfg(test)]
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

#[cfg(test)]
fn setting(s: &Option<(Arc<str>, Origin)>) -> Option<SettingJson<'_>> {
    s.as_ref().map(|(value, origin)| SettingJson {
        value,
        origin: *origin,
    })
}

#[cfg(test)]
fn object<'a>(o: &'a ListedObject, file: &'a str) -> ObjectJson<'a> {
    ObjectJson {
        kind: o.kind.as_str(),
        name: o.name.as_deref(),
        file,
        line: o.line,
        online: o.online,
        offline: o.offline,
        materialized: materialized(o),
        compute: o.compute.as_str(),
        runtime: setting(&o.runtime),
        environment: setting(&o.environment),
    }
}

/// Whether the object materializes, for the kinds that can.
fn materialized(o: &ListedObject) -> Option<bool> {
    if o.kind.is_materializable() {
        o.materialized()
    } else {
        None
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
    let document = document(result, options);
    super::write_buffered(out, |buffered| write_document(buffered, &document))
}

fn document<'a>(result: &'a CheckResult, options: &'a ReportOptions) -> Document<'a> {
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
    Document {
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
    }
}

/// Writes the document byte for byte as `serde_json::to_writer_pretty` writes it (the test
/// `written_as_serde_writes_it` holds the two together), with the objects written by hand: in a
/// monorepo they are nearly all of it, and serde's writer took most of the time after the check,
/// on one thread. The other parts go through serde, indented to where they stand.
fn write_document(out: &mut impl Write, document: &Document<'_>) -> std::io::Result<()> {
    out.write_all(b"{\n  \"schema\": ")?;
    scalar(out, document.schema)?;
    out.write_all(b",\n  \"roots\": ")?;
    if document.roots.is_empty() {
        out.write_all(b"[]")?;
    } else {
        out.write_all(b"[")?;
        for (i, root) in document.roots.iter().enumerate() {
            out.write_all(if i == 0 { b"\n    {" } else { b",\n    {" })?;
            out.write_all(b"\n      \"path\": ")?;
            scalar(out, &root.path)?;
            out.write_all(b",\n      \"sdk\": ")?;
            nested(out, &root.sdk, b"      ")?;
            out.write_all(b",\n      \"repo_config\": ")?;
            scalar(out, &root.repo_config)?;
            out.write_all(b",\n      \"objects\": ")?;
            write_objects(out, &root.objects)?;
            out.write_all(b"\n    }")?;
        }
        out.write_all(b"\n  ]")?;
    }
    out.write_all(b",\n  \"diagnostics\": ")?;
    nested(out, &document.diagnostics, b"  ")?;
    out.write_all(b",\n  \"summary\": ")?;
    nested(out, &document.summary, b"  ")?;
    out.write_all(b"\n}")
}

/// A root's objects, at the depth they stand in the document (`roots[i].objects`).
fn write_objects(out: &mut impl Write, objects: &ObjectsJson<'_>) -> std::io::Result<()> {
    if objects.listed.is_empty() {
        return out.write_all(b"[]");
    }
    out.write_all(b"[")?;
    // The objects come by file: each file's path is shown, and escaped, once.
    let mut shown: Option<(&Path, Vec<u8>)> = None;
    for (i, o) in objects.listed.iter().enumerate() {
        if shown.as_ref().is_none_or(|(file, _)| *file != &*o.file) {
            let text = serde_json::to_vec(&display_path(&o.file, objects.cwd))?;
            shown = Some((&o.file, text));
        }
        let file = shown
            .as_ref()
            .map_or(&b"\"\""[..], |(_, text)| text.as_slice());
        out.write_all(if i == 0 {
            b"\n        {\n          \"kind\": "
        } else {
            b",\n        {\n          \"kind\": "
        })?;
        scalar(out, o.kind.as_str())?;
        out.write_all(b",\n          \"name\": ")?;
        scalar(out, o.name.as_deref())?;
        out.write_all(b",\n          \"file\": ")?;
        out.write_all(file)?;
        out.write_all(b",\n          \"line\": ")?;
        scalar(out, o.line)?;
        out.write_all(b",\n          \"online\": ")?;
        flag(out, o.online)?;
        out.write_all(b",\n          \"offline\": ")?;
        flag(out, o.offline)?;
        out.write_all(b",\n          \"materialized\": ")?;
        flag(out, materialized(o))?;
        out.write_all(b",\n          \"compute\": ")?;
        scalar(out, o.compute.as_str())?;
        out.write_all(b",\n          \"runtime\": ")?;
        write_setting(out, &o.runtime)?;
        out.write_all(b",\n          \"environment\": ")?;
        write_setting(out, &o.environment)?;
        out.write_all(b"\n        }")?;
    }
    out.write_all(b"\n      ]")
}

fn write_setting(
    out: &mut impl Write,
    setting: &Option<(Arc<str>, Origin)>,
) -> std::io::Result<()> {
    let Some((value, origin)) = setting else {
        return out.write_all(b"null");
    };
    out.write_all(b"{\n            \"value\": ")?;
    scalar(out, &**value)?;
    out.write_all(b",\n            \"origin\": ")?;
    scalar(out, origin)?;
    out.write_all(b"\n          }")
}

fn flag(out: &mut impl Write, value: Option<bool>) -> std::io::Result<()> {
    out.write_all(match value {
        Some(true) => b"true",
        Some(false) => b"false",
        None => b"null",
    })
}

/// A string, number or null: written the same compact as pretty.
fn scalar(out: &mut impl Write, value: impl Serialize) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &value).map_err(std::io::Error::from)
}

/// A value serde writes pretty, its lines after the first indented by `indent`.
fn nested(out: &mut impl Write, value: &impl Serialize, indent: &[u8]) -> std::io::Result<()> {
    let text = serde_json::to_vec_pretty(value)?;
    let mut rest = text.as_slice();
    while let Some(at) = memchr::memchr(b'\n', rest) {
        out.write_all(&rest[..=at])?;
        out.write_all(indent)?;
        rest = &rest[at + 1..];
    }
    out.write_all(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::CheckOptions;
    use crate::report::Format;

    /// Roots with and without an SDK or a repo config; objects with and without names, runtimes
    /// from the view and from `repo.yaml`, environments; findings with fixes.
    const SCENARIOS: &[&str] = &[
        "example",
        "monorepo",
        "tp101_no_repo_config",
        "tp002_unresolved",
        "tp206_rift_no_environment",
        "tp208_sdk_unknown",
        "tp104_runtime_as_number",
        "tp003_duplicate_names",
    ];

    #[test]
    fn written_as_serde_writes_it() {
        let repos = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_repos");
        let options = CheckOptions {
            paths: SCENARIOS.iter().map(|s| repos.join(s)).collect(),
            sdk_version: None,
            config: None,
            default_compute: None,
            select: None,
            ignore: None,
            home: Some(std::env::temp_dir()),
            virtual_env: None,
            top: None,
        };
        let checked = std::thread::Builder::new()
            .stack_size(crate::WORKER_STACK)
            .spawn(move || crate::check::run_for_reports(&options))
            .expect("spawn")
            .join()
            .expect("check");
        let listed = || checked.roots.iter().flat_map(|r| r.listed.iter().flatten());
        assert!(checked.roots.len() >= SCENARIOS.len());
        assert!(checked.roots.iter().any(|r| r.sdk.is_none()));
        assert!(listed().any(|o| o.name.is_none()));
        assert!(listed().any(|o| matches!(o.runtime, Some((_, Origin::RepoConfig)))));
        assert!(listed().any(|o| matches!(o.runtime, Some((_, Origin::Explicit)))));
        assert!(listed().any(|o| o.environment.is_some()));
        assert!(checked.diagnostics.iter().any(|d| d.fix.is_some()));
        for result in [&checked, &CheckResult::default()] {
            let options = ReportOptions {
                format: Format::Json,
                color: false,
                quiet: false,
                cwd: repos.clone(),
                repo_top: None,
            };
            let document = document(result, &options);
            let mut by_hand = Vec::new();
            write_document(&mut by_hand, &document).expect("write");
            let by_serde = serde_json::to_vec_pretty(&document).expect("serialize");
            assert_eq!(
                String::from_utf8(by_hand).expect("UTF-8"),
                String::from_utf8(by_serde).expect("UTF-8")
            );
        }
    }
}
