//! Printing a run's result, one file per format. Every format reads the same plain data; paths are
//! shown relative to the working directory when they are under it.

mod concise;
mod full;
mod github;
mod gitlab;
mod json;
mod junit;
pub mod plan;
pub mod plan_markdown;
mod sarif;
pub mod show;
pub mod upgrade;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::check::CheckResult;
use crate::diagnostic::{Severity, Span};
use crate::source::Sources;

/// The schema name of `check --format json`; a plan can read such a document as its base.
pub const CHECK_SCHEMA: &str = "tecton-preflight/check/v1";

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Diagnostics with the source excerpt, a help line and the rule code (`text` is the same).
    #[value(alias = "text")]
    Full,
    /// One line per finding: `path:line:col: CODE message`.
    Concise,
    /// One JSON document (schema `tecton-preflight/check/v1`).
    Json,
    /// GitHub Actions workflow commands, so findings annotate the pull request.
    Github,
    /// GitLab Code Quality JSON, for `artifacts:reports:codequality`.
    Gitlab,
    /// SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`).
    Sarif,
    /// JUnit XML for CI test reports: one test case per finding; errors and warnings fail.
    Junit,
}

pub struct ReportOptions {
    pub format: Format,
    pub color: bool,
    pub quiet: bool,
    pub cwd: PathBuf,
    /// The git top-level of the working directory, `None` outside git. `sarif`, `github` and `gitlab` name
    /// files relative to it, since GitHub resolves paths against the repository root whatever
    /// directory the CI step runs in.
    pub repo_top: Option<PathBuf>,
}

impl ReportOptions {
    /// The directory that `sarif` and `github` paths are relative to: the git top-level, else the
    /// working directory.
    pub fn source_root(&self) -> &Path {
        self.repo_top.as_deref().unwrap_or(&self.cwd)
    }
}

pub fn print(
    result: &CheckResult,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match options.format {
        Format::Full => full::print(result, options, out),
        Format::Concise => concise::print(result, options, out),
        Format::Json => json::print(result, options, out),
        Format::Github => github::print(result, options, out),
        Format::Gitlab => gitlab::print(result, options, out),
        Format::Sarif => sarif::print(result, options, out),
        Format::Junit => junit::print(result, options, out),
    }
}

/// Writes `value` as pretty JSON and a line break. serde_json writes a few bytes at a time, and
/// through `&mut dyn Write` each is a call that cannot be inlined (5% of a small repository's
/// check), so the document goes through a buffer of a known type on its way. `serde_error` turns a
/// failed write reported by serde_json into the error the caller returns.
pub(crate) fn write_json<T: serde::Serialize>(
    out: &mut dyn Write,
    value: &T,
    serde_error: fn(serde_json::Error) -> std::io::Error,
) -> std::io::Result<()> {
    write_buffered(out, |buffered| {
        serde_json::to_writer_pretty(buffered, value).map_err(serde_error)
    })
}

/// A document written through one buffer, then a line end.
pub(crate) fn write_buffered(
    out: &mut dyn Write,
    write: impl FnOnce(&mut std::io::BufWriter<&mut dyn Write>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, out);
    write(&mut buffered)?;
    buffered.write_all(b"\n")?;
    buffered.flush()
}

/// A path for display: relative to the working directory when under it.
pub fn display_path(path: &Path, cwd: &Path) -> String {
    let shown = path.strip_prefix(cwd).unwrap_or(path);
    let text = shown.display().to_string();
    if text.is_empty() {
        ".".to_string()
    } else {
        text
    }
}

/// `path` as seen from `base`: `requirements.txt`, `../../pyproject.toml` (never absolute, so the
/// message does not depend on where the repository is checked out).
pub fn relative_to(path: &std::path::Path, base: &std::path::Path) -> String {
    let path_parts: Vec<_> = path.components().collect();
    let base_parts: Vec<_> = base.components().collect();
    let common = path_parts
        .iter()
        .zip(&base_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<String> = vec!["..".to_string(); base_parts.len() - common];
    out.extend(
        path_parts[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    out.join("/")
}

/// A span's 1-based start and end line and column (columns in characters).
pub struct Place {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

pub fn place(span: &Span, sources: &Sources) -> Place {
    match sources.get(&span.file) {
        Some(source) => {
            let (line, column) = source.line_col(span.start());
            let (end_line, end_column) = source.line_col(span.end());
            Place {
                line,
                column,
                end_line,
                end_column,
            }
        }
        None => Place {
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
        },
    }
}

/// One line per root for the text formats: the SDK version the rules used and where it came from.
/// `Checked spark with SDK 1.2 (from spark/requirements.txt).`
pub fn root_lines(result: &CheckResult, options: &ReportOptions) -> Vec<String> {
    result
        .roots
        .iter()
        .map(|root| {
            let path = display_path(&root.path, &options.cwd);
            match &root.sdk {
                Some(sdk) => format!(
                    "Checked {path} with SDK {} (from {}).",
                    sdk.version.display,
                    json::source_text(&sdk.source, options)
                ),
                None => format!("Checked {path}; SDK version unknown (see TP208)."),
            }
        })
        .collect()
}

/// True when no feature repository was checked and nothing was found: every named path was a file
/// outside them (pre-commit passing a changed script of the repository's tooling).
pub fn nothing_checked(result: &CheckResult) -> bool {
    result.roots.is_empty() && result.diagnostics.is_empty()
}

/// `Found 2 errors and 1 warning in 1 root (14 files, 22 objects).`
pub fn summary(result: &CheckResult) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let files: usize = result.roots.iter().map(|r| r.files).sum();
    let objects: usize = result.roots.iter().map(|r| r.object_count()).sum();
    let (errors, warnings, infos) = (
        result.count(Severity::Error),
        result.count(Severity::Warning),
        result.count(Severity::Info),
    );
    let scope = format!(
        "{} ({}, {})",
        plural(result.roots.len(), "root"),
        plural(files, "file"),
        plural(objects, "object")
    );
    if nothing_checked(result) {
        return "Nothing was checked: no named path is in a feature repository.".to_string();
    }
    if errors + warnings + infos == 0 {
        return format!("All checks passed in {scope}.");
    }
    let mut parts = vec![plural(errors, "error"), plural(warnings, "warning")];
    if infos > 0 {
        parts.push(plural(infos, "note"));
    }
    format!("Found {} in {scope}.", parts.join(", "))
}

/// `[*] 3 fixable with --fix`, when any finding has a safe fix.
pub fn fixable_line(result: &CheckResult) -> Option<String> {
    match result.fixable() {
        0 => None,
        n => Some(format!("[*] {n} fixable with --fix")),
    }
}

/// After `check --fix`: `Fixed 3 findings in 2 files.`
pub fn fixed_line(fixed: usize, files: usize) -> String {
    match fixed {
        0 => "No fixes applied.".to_string(),
        1 => format!("Fixed 1 finding in {}.", plural(files, "file")),
        n => format!("Fixed {n} findings in {}.", plural(files, "file")),
    }
}

/// After `check --diff`: `Would fix 3 findings.`
pub fn would_fix_line(fixed: usize) -> String {
    match fixed {
        0 => "No fixes available.".to_string(),
        n => format!("Would fix {}.", plural(n, "finding")),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// ` [*]` after the code of a finding `--fix` would change (ruff's mark).
pub fn fix_mark(d: &crate::diagnostic::Diagnostic) -> &'static str {
    match &d.fix {
        Some(fix)
            if fix.applicability == crate::fix::Applicability::Safe && !fix.edits.is_empty() =>
        {
            " [*]"
        }
        _ => "",
    }
}

/// One `--format` of `check`: a format, and the file it is written to (`sarif=preflight.sarif`),
/// or stdout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    pub path: Option<PathBuf>,
}

impl Format {
    /// The text formats, which end with the summary and color on a terminal.
    pub fn is_text(self) -> bool {
        matches!(self, Format::Full | Format::Concise)
    }

    /// The formats that name files relative to the git top-level.
    pub fn needs_repo_top(self) -> bool {
        matches!(self, Format::Sarif | Format::Github | Format::Gitlab)
    }
}

/// Parses `FORMAT` or `FORMAT=PATH` (the value of `--format`).
pub fn parse_output(value: &str) -> Result<Output, String> {
    use clap::ValueEnum;
    let (name, path) = match value.split_once('=') {
        Some((name, path)) if !path.is_empty() => (name, Some(PathBuf::from(path))),
        Some((name, _)) => return Err(format!("`{name}=` names no file: write {name}=PATH")),
        None => (value, None),
    };
    match Format::from_str(name, true) {
        Ok(format) => Ok(Output { format, path }),
        Err(_) => {
            let names: Vec<String> = Format::value_variants()
                .iter()
                .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
                .collect();
            Err(format!(
                "unknown format `{name}` (choose from {}; FORMAT=PATH writes it to a file)",
                names.join(", ")
            ))
        }
    }
}

/// After `check --add-noqa`: `Added suppressions for 4 findings in 2 files.`, and how many
/// findings are left for a person.
pub fn noqa_line(silenced: usize, files: usize, skipped: usize) -> String {
    let mut line = match silenced {
        0 => "No suppressions added.".to_string(),
        n => format!(
            "Added suppressions for {} in {}.",
            plural(n, "finding"),
            plural(files, "file")
        ),
    };
    if skipped > 0 {
        line.push_str(&format!(
            " {} left: {} line cannot take a comment (it ends inside a string or a continuation, or holds a suppression not understood); suppress {} by hand.",
            plural(skipped, "finding"),
            if skipped == 1 { "its" } else { "their" },
            if skipped == 1 { "it" } else { "them" },
        ));
    }
    line
}

#[cfg(test)]
mod output_tests {
    use super::*;

    #[test]
    fn formats_with_and_without_a_file() {
        assert_eq!(
            parse_output("sarif=out/preflight.sarif"),
            Ok(Output {
                format: Format::Sarif,
                path: Some(PathBuf::from("out/preflight.sarif"))
            })
        );
        assert_eq!(
            parse_output("text"),
            Ok(Output {
                format: Format::Full,
                path: None
            })
        );
        assert!(parse_output("gitlab=").is_err());
        let err = parse_output("xml").unwrap_err();
        assert!(
            err.contains("full, concise, json, github, gitlab, sarif, junit"),
            "{err}"
        );
    }
}
