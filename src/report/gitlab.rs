//! GitLab Code Quality: a JSON array of issues (`description`, `check_name`, `fingerprint`,
//! `severity`, `location.path` and `location.lines.begin`), which a merge request shows in its
//! Code Quality widget and diff when a job uploads it as `artifacts:reports:codequality`. GitLab
//! matches `path` against the repository's files, so paths are relative to the git top-level, as
//! for `github` and `sarif`. A finding with no place points at line 1 of its root's `.tecton`; one
//! that belongs to no root at all (TP004 "no feature repository root found") has no file to point
//! at and is left out (the exit code still fails the job).

use std::io::Write;

use serde::Serialize;

use super::{display_path, place, ReportOptions};
use crate::check::CheckResult;
use crate::diagnostic::Severity;

#[derive(Serialize)]
struct Issue {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// GitLab's scale is info, minor, major, critical, blocker. An error fails `tecton apply`, so it is
/// `major`, as GitLab's own analyzers rate a defect; `critical` and `blocker` are left to security
/// tools.
fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn print(
    result: &CheckResult,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut issues = Vec::new();
    // Identical findings in one file get distinct fingerprints, or GitLab would merge them.
    let mut seen: std::collections::HashMap<(&str, String, &str), usize> = Default::default();
    for d in &result.diagnostics {
        let (file, line) = match &d.span {
            Some(span) => (span.file.to_path_buf(), place(span, &result.sources).line),
            None => match result.roots.first() {
                Some(root) => (root.anchor.clone(), 1),
                None => continue,
            },
        };
        let path = display_path(&file, options.source_root());
        let occurrence = seen.entry((d.code, path.clone(), &d.message)).or_default();
        // The line is left out, so an issue keeps its identity when lines above it change.
        let fingerprint =
            super::sarif::fingerprint(&[d.code, &path, &d.message, &occurrence.to_string()]);
        *occurrence += 1;
        let description = match &d.help {
            Some(help) => format!("{}: {} (help: {help})", d.code, d.message),
            None => format!("{}: {}", d.code, d.message),
        };
        issues.push(Issue {
            description,
            check_name: d.code,
            fingerprint,
            severity: severity(d.severity()),
            location: Location {
                path,
                lines: Lines { begin: line },
            },
        });
    }
    super::write_json(out, &issues, std::io::Error::other)
}
