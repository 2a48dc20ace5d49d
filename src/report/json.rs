//! The `tecton-preflight/check/v1` document (SPEC §8). Changing its shape is a breaking change.

use std::io::Write;

use serde::Serialize;

use super::{display_path, place, ReportOptions};
use crate::check::CheckResult;
use crate::diagnostic::Severity;
use crate::model::{Setting, TectonObject};
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
    objects: Vec<ObjectJson<'a>>,
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
    file: String,
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

fn setting(s: &Option<Setting>) -> Option<SettingJson<'_>> {
    s.as_ref().map(|s| SettingJson {
        value: &s.value,
        origin: s.origin,
    })
}

fn object<'a>(
    o: &'a TectonObject,
    result: &CheckResult,
    options: &ReportOptions,
) -> ObjectJson<'a> {
    ObjectJson {
        kind: o.kind.as_str(),
        name: o.name.as_deref(),
        file: display_path(&o.file, &options.cwd),
        line: place(&o.span, &result.sources).line,
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
            let mut objects: Vec<&TectonObject> = r.objects.iter().collect();
            objects.sort_by(|a, b| {
                (&a.file, a.span.start, a.kind).cmp(&(&b.file, b.span.start, b.kind))
            });
            RootJson {
                path: display_path(&r.path, &options.cwd),
                sdk: r.sdk.as_ref().map(|s| SdkJson {
                    version: s.version.display.clone(),
                    source: source_text(&s.source, options),
                }),
                repo_config: r
                    .config_exists
                    .then(|| display_path(&r.config_path, &options.cwd)),
                objects: objects
                    .into_iter()
                    .map(|o| object(o, result, options))
                    .collect(),
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
            objects: result.roots.iter().map(|r| r.objects.len()).sum(),
            errors: result.count(Severity::Error),
            warnings: result.count(Severity::Warning),
            infos: result.count(Severity::Info),
        },
    };
    // `From` keeps the kind of a write error (a closed pipe stays `BrokenPipe`).
    serde_json::to_writer_pretty(&mut *out, &document).map_err(std::io::Error::from)?;
    writeln!(out)
}
