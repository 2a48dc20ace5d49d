//! SARIF 2.1.0, in the subset GitHub code scanning accepts (`github/codeql-action/upload-sarif`):
//! one run whose driver lists every rule of the table with its documentation, and one result per
//! finding. Run the command from the repository's top directory: GitHub resolves the relative URIs
//! against the repository root.
//!
//! Three choices GitHub forces or rewards:
//! - Every result has a location. GitHub rejects the whole upload ("expected at least one
//!   location") for a single result without one, so a finding with no span points at line 1 of its
//!   root's `.tecton`, as the other formats' root-level findings do. A finding that belongs to no
//!   root at all (TP004 "no feature repository root found") has no file to point at: it goes to
//!   `invocations[0].toolExecutionNotifications` instead of `results`, which SARIF meant for "the
//!   tool could not analyse this" and GitHub ignores; the exit code still fails the job.
//! - `partialFingerprints` carries a hash of the rule, the file and the message (not the line), so
//!   an alert survives edits above it and is not opened twice across runs.
//! - URIs are relative to the git top-level (outside git, to the working directory) with
//!   `%SRCROOT%` as their base, which `run.originalUriBaseIds` defines: GitHub resolves relative URIs
//!   against the repository root, so a run from a subdirectory (`working-directory: feature_repo`)
//!   still attaches to `feature_repo/constants.py`. They are `/`-separated and percent-encoded
//!   (RFC 3986); a file outside that directory gets an absolute `file://` URI.

use std::io::Write;
use std::path::{Component, Path};

use serde::Serialize;

use super::{place, ReportOptions};
use crate::check::CheckResult;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Rule, RULES};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";
/// The `partialFingerprints` key; versioned, as SARIF recommends, so a change of the hash's inputs
/// can be a new key rather than a silent mismatch.
const FINGERPRINT_KEY: &str = "tectonPreflightFinding/v1";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    invocations: Vec<Invocation>,
    /// What `%SRCROOT%` stands for: the absolute `file://` URI of the directory the relative URIs
    /// start from.
    original_uri_base_ids: std::collections::BTreeMap<&'static str, BaseUri>,
    results: Vec<SarifResult>,
    /// Our columns count Unicode scalar values, not UTF-16 code units (SARIF's default).
    column_kind: &'static str,
}

#[derive(Serialize)]
struct BaseUri {
    uri: String,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    /// The code again: the summaries are prose that may be reworded, and nothing else names a rule
    /// stably.
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    associated_rule: Option<RuleReference>,
}

#[derive(Serialize)]
struct RuleReference {
    id: &'static str,
    index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: std::collections::BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

pub fn print(
    result: &CheckResult,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    // How often each (rule, file, message) was seen so far, so identical findings in one file get
    // distinct fingerprints instead of being merged into one alert.
    let mut seen: std::collections::HashMap<(&str, String, &str), usize> = Default::default();
    for d in &result.diagnostics {
        let Some(location) = location(d, result, options) else {
            notifications.push(Notification {
                level: level(d.severity()),
                message: Text { text: text(d) },
                associated_rule: rule_index(d.code).map(|index| RuleReference {
                    id: RULES[index].code,
                    index,
                }),
            });
            continue;
        };
        let uri = location.physical_location.artifact_location.uri.clone();
        let occurrence = seen.entry((d.code, uri.clone(), &d.message)).or_default();
        let fingerprint = fingerprint(&[d.code, &uri, &d.message, &occurrence.to_string()]);
        *occurrence += 1;
        results.push(SarifResult {
            rule_id: rule_index(d.code).map_or(d.code, |i| RULES[i].code),
            rule_index: rule_index(d.code),
            level: level(d.severity()),
            message: Text { text: text(d) },
            locations: vec![location],
            partial_fingerprints: [(FINGERPRINT_KEY, fingerprint)].into_iter().collect(),
        });
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "tecton-preflight",
                    version: env!("CARGO_PKG_VERSION"),
                    rules: RULES.iter().map(descriptor).collect(),
                },
            },
            invocations: vec![Invocation {
                execution_successful: true,
                tool_execution_notifications: notifications,
            }],
            original_uri_base_ids: [(
                SRCROOT,
                BaseUri {
                    // A base URI ends with `/`, or the last segment would be replaced.
                    uri: format!(
                        "file://{}/",
                        uri_path(options.source_root()).trim_end_matches('/')
                    ),
                },
            )]
            .into_iter()
            .collect(),
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    // `From` keeps the kind of a write error (a closed pipe stays `BrokenPipe`).
    super::write_json(out, &log, std::io::Error::from)
}

fn descriptor(rule: &'static Rule) -> RuleDescriptor {
    let doc = rule.doc();
    RuleDescriptor {
        id: rule.code,
        name: rule.code,
        short_description: Text {
            text: rule.summary.to_string(),
        },
        full_description: Text {
            text: what_it_does(&doc).unwrap_or_else(|| rule.summary.to_string()),
        },
        help: Help {
            text: doc.clone(),
            markdown: doc,
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            tags: vec!["tecton", group(rule.code)],
        },
    }
}

/// The rule families, by hundreds (the README's rule table is ordered the same way).
fn group(code: &str) -> &'static str {
    match code.as_bytes().get(2) {
        Some(b'1') => "repo-config",
        Some(b'2') => "runtime",
        _ => "repository",
    }
}

/// The paragraph under `### What it does`, on one line.
fn what_it_does(doc: &str) -> Option<String> {
    let mut lines = doc.lines().skip_while(|l| l.trim() != "### What it does");
    lines.next()?;
    let paragraph: Vec<&str> = lines
        .take_while(|l| !l.starts_with('#') && !l.starts_with("```"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    (!paragraph.is_empty()).then(|| paragraph.join(" "))
}

fn rule_index(code: &str) -> Option<usize> {
    RULES.iter().position(|r| r.code == code)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn text(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\nhelp: {help}", d.message),
        None => d.message.clone(),
    }
}

/// Where a finding is shown: its span, or line 1 of the first root's `.tecton` for a finding about
/// no place in particular; `None` when there is no root either.
fn location(d: &Diagnostic, result: &CheckResult, options: &ReportOptions) -> Option<Location> {
    let (file, region) = match &d.span {
        Some(span) => {
            let p = place(span, &result.sources);
            let region = Region {
                start_line: p.line,
                start_column: p.column,
                end_line: p.end_line,
                end_column: p.end_column,
            };
            (span.file.to_path_buf(), region)
        }
        None => {
            let root = result.roots.first()?;
            let region = Region {
                start_line: 1,
                start_column: 1,
                end_line: 1,
                end_column: 1,
            };
            (root.anchor.clone(), region)
        }
    };
    Some(Location {
        physical_location: PhysicalLocation {
            artifact_location: artifact(&file, options.source_root()),
            region,
        },
    })
}

fn artifact(path: &Path, base: &Path) -> ArtifactLocation {
    match path.strip_prefix(base) {
        Ok(relative) if relative.components().next().is_some() => ArtifactLocation {
            uri: uri_path(relative),
            uri_base_id: Some(SRCROOT),
        },
        _ => ArtifactLocation {
            uri: format!("file://{}", uri_path(path)),
            uri_base_id: None,
        },
    }
}

/// A path as the path part of a URI: components joined by `/`, each percent-encoded except for
/// RFC 3986's unreserved characters. An absolute path keeps its leading `/` (and a Windows drive
/// `/C:`), so that `file://` can be put in front.
fn uri_path(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut absolute = false;
    for component in path.components() {
        match component {
            Component::Prefix(prefix) => {
                absolute = true;
                parts.push(prefix.as_os_str().to_string_lossy().replace('\\', "/"));
            }
            Component::RootDir => absolute = true,
            Component::CurDir => {}
            Component::ParentDir => parts.push("..".to_string()),
            Component::Normal(name) => parts.push(percent_encode(name.as_encoded_bytes())),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

fn percent_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// 64-bit FNV-1a over the parts, each followed by a NUL, as 16 hex digits. Written out rather than
/// taken from `std::hash`, whose algorithms may change between Rust releases: a fingerprint must be
/// the same on every machine and in every version of this tool.
pub(super) fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in part.as_bytes().iter().chain(std::iter::once(&0)) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_slash_separated_and_percent_encoded() {
        let cwd = Path::new("/repo");
        let a = artifact(Path::new("/repo/my features/spend #1%.py"), cwd);
        assert_eq!(a.uri, "my%20features/spend%20%231%25.py");
        assert_eq!(a.uri_base_id, Some(SRCROOT));
        let a = artifact(Path::new("/repo/caf\u{e9}/a:b.py"), cwd);
        assert_eq!(a.uri, "caf%C3%A9/a%3Ab.py");
        let a = artifact(Path::new("/elsewhere/x y.py"), cwd);
        assert_eq!(a.uri, "file:///elsewhere/x%20y.py");
        assert_eq!(a.uri_base_id, None);
    }

    #[test]
    fn fingerprints_are_fixed_values() {
        // Known FNV-1a values (of nothing, and of "a\0"): the algorithm cannot drift unnoticed.
        assert_eq!(fingerprint(&[]), "cbf29ce484222325");
        assert_eq!(fingerprint(&["a"]), "089be207b544f1e4");
        assert_ne!(fingerprint(&["ab", "c"]), fingerprint(&["a", "bc"]));
    }

    #[test]
    fn a_finding_without_a_span_points_at_its_root_marker() {
        let root = crate::check::RootReport {
            path: "/repo/features".into(),
            sdk: None,
            config_path: "/repo/features/repo.yaml".into(),
            config_exists: false,
            files: 0,
            objects: Vec::new(),
            listed: None,
            anchor: "/repo/features/.tecton".into(),
            setup: None,
            pin: None,
        };
        let result = CheckResult {
            roots: vec![root],
            diagnostics: vec![Diagnostic::new("TP208", "SDK version unknown")],
            sources: Default::default(),
        };
        let options = ReportOptions {
            format: super::super::Format::Sarif,
            color: false,
            quiet: false,
            cwd: "/repo".into(),
            repo_top: None,
        };
        let mut out = Vec::new();
        print(&result, &options, &mut out).expect("print");
        let log: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
        let location = &log["runs"][0]["results"][0]["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "features/.tecton");
        assert_eq!(
            location["region"],
            serde_json::json!({"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 1})
        );
    }

    #[test]
    fn full_description_is_the_what_it_does_paragraph() {
        let doc =
            "## X\n\n### What it does\nReports a thing\nthat is bad.\n\n### Why is this bad?\nx\n";
        assert_eq!(
            what_it_does(doc).as_deref(),
            Some("Reports a thing that is bad.")
        );
        assert_eq!(what_it_does("no sections"), None);
    }
}
