//! `--format sarif` and `--format junit` from the real binary: the structure GitHub code scanning
//! and CI test reports need, checked against the `--format json` document of the same run, so a
//! place or a count that drifts from the other formats fails here. The JUnit XML is read by a small
//! well-formedness checker below rather than by an XML crate.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn test_repos() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_repos")
}

/// The binary run in `dir` with a fixed environment; stdout and the exit code.
fn preflight(dir: &Path, format: &str) -> (String, i32) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"));
    // Below a hidden directory Tecton (and so we) would import nothing; see tests/repos.rs.
    if Path::new(env!("CARGO_MANIFEST_DIR"))
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
    {
        command.env("TECTON_REPO_IGNORE_ALL_HIDDEN_DIRS", "false");
    }
    let output = command
        .args(["check", "--format", format])
        .current_dir(dir)
        .env_remove("VIRTUAL_ENV")
        .env("HOME", std::env::temp_dir())
        .env("TECTON_PREFLIGHT_TODAY", "2026-11-24")
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    (stdout, output.status.code().unwrap_or(-1))
}

fn json_of(dir: &Path, format: &str) -> (Value, i32) {
    let (out, code) = preflight(dir, format);
    let value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}:\n{out}"));
    (value, code)
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("preflight-formats-")
        .tempdir()
        .expect("tempdir")
}

/// A feature repository (SDK 1.2) at `root` with one materialized Spark view in `file`, its runtime
/// set to `runtime` or inherited from `repo.yaml`'s `default_runtime` (YAML, quotes included).
fn small_repo(root: &Path, file: &str, runtime: Option<&str>, default_runtime: &str) {
    let runtime = runtime.map_or(String::new(), |r| {
        format!(", tecton_materialization_runtime=\"{r}\"")
    });
    std::fs::create_dir_all(root).expect("mkdir");
    std::fs::write(root.join(".tecton"), "").expect("marker");
    std::fs::write(root.join("requirements.txt"), "tecton[pyspark]~=1.2.0\n").expect("pin");
    std::fs::write(
        root.join("repo.yaml"),
        format!("defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: {default_runtime}\n"),
    )
    .expect("repo.yaml");
    std::fs::write(
        root.join(file),
        format!(
            "from tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[], mode=\"spark_sql\", online=True, timestamp_field=\"ts\", features=[]{runtime})\ndef user_spend(t):\n    return t\n"
        ),
    )
    .expect("features");
}

// -------------------------------------------------------------------------------------------------
// SARIF

fn sarif_level(severity: &str) -> &'static str {
    match severity {
        "error" => "error",
        "warning" => "warning",
        "info" => "note",
        other => panic!("unknown severity {other}"),
    }
}

/// Checks the parts of a SARIF log that do not depend on the findings, and returns its one run.
fn sarif_run(log: &Value) -> &Value {
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().expect("runs");
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "tecton-preflight");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    run
}

/// Where `dir` lies below its git top-level (`test_repos/example/`), empty outside git.
fn top_prefix(dir: &Path) -> String {
    Command::new("git")
        .args(["rev-parse", "--show-prefix"])
        .current_dir(dir)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// Every finding of the JSON document is one SARIF result, in the same order, at the same place.
fn assert_results_match_json(dir: &Path, expected_results: usize) {
    let (log, sarif_code) = json_of(dir, "sarif");
    let (json, json_code) = json_of(dir, "json");
    assert_eq!(
        sarif_code, json_code,
        "the format does not change the exit code"
    );
    let run = sarif_run(&log);
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = run["results"].as_array().expect("results");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(results.len(), expected_results, "{}", dir.display());
    assert_eq!(diagnostics.len(), expected_results, "{}", dir.display());
    for (r, d) in results.iter().zip(diagnostics) {
        let rule_id = r["ruleId"].as_str().expect("ruleId");
        assert_eq!(rule_id, d["code"]);
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], rule_id, "ruleIndex points at the rule");
        assert_eq!(r["level"], sarif_level(d["severity"].as_str().unwrap()));
        let mut text = d["message"].as_str().unwrap().to_string();
        if let Some(help) = d["help"].as_str() {
            text = format!("{text}\nhelp: {help}");
        }
        assert_eq!(r["message"]["text"], text.as_str());

        let locations = r["locations"].as_array().expect("locations");
        assert_eq!(locations.len(), 1, "GitHub needs exactly one location");
        let physical = &locations[0]["physicalLocation"];
        let uri = physical["artifactLocation"]["uri"].as_str().expect("uri");
        assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert!(
            !uri.starts_with("./") && !uri.starts_with('/') && !uri.contains('\\'),
            "{uri}"
        );
        // Relative to the git top-level; plain paths are their own URI.
        let file = format!("{}{}", top_prefix(dir), d["file"].as_str().expect("file"));
        assert_eq!(uri, file);
        let region = &physical["region"];
        for (sarif, json) in [
            ("startLine", "line"),
            ("startColumn", "column"),
            ("endLine", "end_line"),
            ("endColumn", "end_column"),
        ] {
            assert!(region[sarif].as_u64().expect(sarif) >= 1, "1-based {sarif}");
            assert_eq!(region[sarif], d[json], "{sarif} of {uri}");
        }
        let fingerprint = r["partialFingerprints"]["tectonPreflightFinding/v1"]
            .as_str()
            .expect("fingerprint");
        assert_eq!(fingerprint.len(), 16, "{fingerprint}");
    }
}

#[test]
fn sarif_lists_every_rule_with_its_documentation() {
    let (log, code) = json_of(&test_repos().join("example"), "sarif");
    assert_eq!(code, 1, "an error finding still exits 1");
    let run = sarif_run(&log);
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert_eq!(rules.len(), 32);
    assert_eq!(rules.len(), tecton_preflight::rules::RULES.len());
    for (sarif, rule) in rules.iter().zip(tecton_preflight::rules::RULES) {
        assert_eq!(sarif["id"], rule.code);
        assert_eq!(sarif["name"], rule.code);
        assert_eq!(sarif["shortDescription"]["text"], rule.summary);
        let full = sarif["fullDescription"]["text"].as_str().expect("full");
        assert!(
            full.starts_with("Reports") || full.len() > rule.summary.len(),
            "{}: {full}",
            rule.code
        );
        assert!(!full.contains('\n') && !full.contains("###"), "{full}");
        assert_eq!(sarif["help"]["text"], rule.doc().as_str());
        assert_eq!(sarif["help"]["markdown"], rule.doc().as_str());
        assert_eq!(
            sarif["defaultConfiguration"]["level"],
            sarif_level(rule.severity.as_str())
        );
        let tags = sarif["properties"]["tags"].as_array().expect("tags");
        assert_eq!(tags.len(), 2, "{tags:?}");
        assert_eq!(tags[0], "tecton");
    }
    let tp202 = &rules[14];
    assert_eq!(tp202["id"], "TP202");
    assert_eq!(tp202["properties"]["tags"][1], "runtime");
    assert!(tp202["fullDescription"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Reports a `tecton_materialization_runtime` used by a materialized view"));
    assert_eq!(rules[22]["defaultConfiguration"]["level"], "note");
}

#[test]
fn sarif_results_are_the_json_findings_at_the_same_places() {
    assert_results_match_json(&test_repos().join("example"), 1);
    assert_results_match_json(&test_repos().join("tp001_unparsable"), 5);
    assert_results_match_json(&test_repos().join("tp202_outside_window"), 4);
    assert_results_match_json(&test_repos().join("tp210_old_patch"), 1);

    let (log, _) = json_of(&test_repos().join("example"), "sarif");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "TP202");
    assert_eq!(result["ruleIndex"], 14);
    assert_eq!(result["level"], "error");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        format!(
            "{}features/stream_features/user_recent_transactions.py",
            top_prefix(&test_repos().join("example"))
        )
        .as_str()
    );
    assert_eq!(
        location["region"],
        serde_json::json!({"startLine": 31, "startColumn": 36, "endLine": 31, "endColumn": 43})
    );
    let (log, code) = json_of(&test_repos().join("tp210_old_patch"), "sarif");
    assert_eq!(code, 0);
    assert_eq!(log["runs"][0]["results"][0]["level"], "note");
}

#[test]
fn sarif_fingerprints_are_stable_and_distinct() {
    let fingerprints = |dir: &Path| -> Vec<String> {
        let (log, _) = json_of(dir, "sarif");
        log["runs"][0]["results"]
            .as_array()
            .expect("results")
            .iter()
            .map(|r| {
                r["partialFingerprints"]["tectonPreflightFinding/v1"]
                    .as_str()
                    .expect("fingerprint")
                    .to_string()
            })
            .collect()
    };
    let dir = test_repos().join("tp001_unparsable");
    let first = fingerprints(&dir);
    assert_eq!(first.len(), 5);
    assert_eq!(
        first,
        fingerprints(&dir),
        "the same run gives the same hashes"
    );
    let mut unique = first.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), first.len(), "{first:?}");

    // The line is not part of the hash: moving a finding down keeps its alert.
    let tmp = tempdir();
    small_repo(tmp.path(), "features.py", Some("1.1.5"), "\"1.2.13\"");
    let before = fingerprints(tmp.path());
    let moved = std::fs::read_to_string(tmp.path().join("features.py")).expect("read");
    std::fs::write(tmp.path().join("features.py"), format!("\n\n{moved}")).expect("write");
    let after = fingerprints(tmp.path());
    assert_eq!(before.len(), 1);
    assert_eq!(before, after);
}

#[test]
fn sarif_percent_encodes_paths() {
    let tmp = tempdir();
    let repo = tmp.path().join("feature repo #1");
    small_repo(&repo, "spend 100%.py", Some("1.1.5"), "\"1.2.13\"");
    let (log, code) = json_of(tmp.path(), "sarif");
    let (json, _) = json_of(tmp.path(), "json");
    assert_eq!(code, 1);
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1, "{results:?}");
    let location = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "feature%20repo%20%231/spend%20100%25.py"
    );
    assert_eq!(
        json["diagnostics"][0]["file"],
        "feature repo #1/spend 100%.py"
    );
    assert_eq!(
        location["region"]["startLine"],
        json["diagnostics"][0]["line"]
    );
    assert_eq!(
        location["region"]["startColumn"],
        json["diagnostics"][0]["column"]
    );
}

#[test]
fn sarif_puts_a_finding_without_any_file_in_the_invocation() {
    let tmp = tempdir();
    std::fs::write(tmp.path().join("features.py"), "x = 1\n").expect("write");
    let (log, code) = json_of(tmp.path(), "sarif");
    assert_eq!(code, 1, "no root is still an error");
    let run = sarif_run(&log);
    assert_eq!(
        run["results"],
        serde_json::json!([]),
        "GitHub rejects results without a location"
    );
    let notifications = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .expect("notifications");
    assert_eq!(notifications.len(), 1);
    let n = &notifications[0];
    assert_eq!(n["level"], "error");
    assert_eq!(n["associatedRule"]["id"], "TP004");
    let index = n["associatedRule"]["index"].as_u64().expect("index") as usize;
    assert_eq!(run["tool"]["driver"]["rules"][index]["id"], "TP004");
    assert!(
        n["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("no feature repository root found"),
        "{n}"
    );
}

/// `git init` in `dir`; false when `git` cannot run (the test then has nothing to check).
fn git_init(dir: &Path) -> bool {
    Command::new("git")
        .args(["init", "-q"])
        .current_dir(dir)
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn sarif_and_github_paths_are_relative_to_the_git_top_level_from_a_subdirectory() {
    // A CI step with `working-directory: feature_repo`: GitHub still needs `feature_repo/...`.
    let tmp = tempdir();
    if !git_init(tmp.path()) {
        return;
    }
    let repo = tmp.path().join("feature_repo");
    small_repo(&repo, "constants.py", Some("1.1.5"), "\"1.2.13\"");
    let (log, code) = json_of(&repo, "sarif");
    assert_eq!(code, 1);
    let run = sarif_run(&log);
    let location = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "feature_repo/constants.py", "{log}");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    let top = std::fs::canonicalize(tmp.path()).expect("canonical");
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        format!("file://{}/", top.display()).as_str()
    );
    let (github, code) = preflight(&repo, "github");
    assert_eq!(code, 1);
    assert!(
        github.contains(",file=feature_repo/constants.py,line=3,"),
        "{github}"
    );
    // The other formats keep paths relative to the working directory.
    let (json, _) = json_of(&repo, "json");
    assert_eq!(json["diagnostics"][0]["file"], "constants.py");
}

#[test]
fn outside_git_sarif_and_github_paths_are_relative_to_the_working_directory() {
    let tmp = tempdir();
    let repo = tmp.path().join("feature_repo");
    small_repo(&repo, "constants.py", Some("1.1.5"), "\"1.2.13\"");
    let (log, _) = json_of(&repo, "sarif");
    let run = sarif_run(&log);
    let location = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "constants.py", "{log}");
    let cwd = std::fs::canonicalize(&repo).expect("canonical");
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        format!("file://{}/", cwd.display()).as_str()
    );
    let (github, _) = preflight(&repo, "github");
    assert!(github.contains(",file=constants.py,line=3,"), "{github}");
}

// -------------------------------------------------------------------------------------------------
// JUnit

#[derive(Debug)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn attr(&self, name: &str) -> &str {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("<{}> has no {name}", self.name))
    }

    fn all<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        if self.name == name {
            out.push(self);
        }
        for child in &self.children {
            child.all(name, out);
        }
    }

    fn find_all(&self, name: &str) -> Vec<&Element> {
        let mut out = Vec::new();
        self.all(name, &mut out);
        out
    }
}

/// A strict reader for the XML subset a JUnit report uses: an optional declaration, one root
/// element, attributes in either quotes, text, the five named entities and character references.
/// Anything else (a stray `<` or `&`, an unknown entity, an unclosed or mismatched tag, a character
/// XML 1.0 forbids, text after the root) is an error.
struct Reader<'a> {
    rest: &'a str,
}

fn parse_xml(xml: &str) -> Result<Element, String> {
    if let Some(c) = xml
        .chars()
        .find(|&c| !matches!(c, '\t' | '\n' | '\r' | ' '..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..))
    {
        return Err(format!("character {c:?} is not allowed in XML 1.0"));
    }
    let mut reader = Reader { rest: xml };
    if reader.rest.starts_with("<?xml") {
        let end = reader.rest.find("?>").ok_or("unterminated declaration")?;
        reader.rest = &reader.rest[end + 2..];
    }
    reader.skip_space();
    let root = reader.element()?;
    reader.skip_space();
    if !reader.rest.is_empty() {
        return Err(format!("text after the root element: {:?}", reader.rest));
    }
    Ok(root)
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        self.rest = self.rest.trim_start_matches([' ', '\t', '\n', '\r']);
    }

    fn expect(&mut self, s: &str) -> Result<(), String> {
        self.rest = self
            .rest
            .strip_prefix(s)
            .ok_or_else(|| format!("expected {s:?} at {:?}", self.head()))?;
        Ok(())
    }

    fn head(&self) -> &str {
        &self.rest[..self
            .rest
            .char_indices()
            .nth(40)
            .map_or(self.rest.len(), |(i, _)| i)]
    }

    fn name(&mut self) -> Result<String, String> {
        let end = self
            .rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')))
            .unwrap_or(self.rest.len());
        if end == 0
            || self
                .rest
                .starts_with(|c: char| c.is_ascii_digit() || c == '-')
        {
            return Err(format!("expected a name at {:?}", self.head()));
        }
        let name = self.rest[..end].to_string();
        self.rest = &self.rest[end..];
        Ok(name)
    }

    fn element(&mut self) -> Result<Element, String> {
        self.expect("<")?;
        let name = self.name()?;
        let mut element = Element {
            name,
            attributes: Vec::new(),
            children: Vec::new(),
            text: String::new(),
        };
        loop {
            let before = self.rest.len();
            self.skip_space();
            if let Some(rest) = self.rest.strip_prefix("/>") {
                self.rest = rest;
                return Ok(element);
            }
            if let Some(rest) = self.rest.strip_prefix('>') {
                self.rest = rest;
                break;
            }
            if self.rest.len() == before {
                return Err(format!(
                    "expected space before an attribute at {:?}",
                    self.head()
                ));
            }
            let attribute = self.name()?;
            self.expect("=")?;
            let quote = self.rest.chars().next().filter(|&q| q == '"' || q == '\'');
            let quote = quote.ok_or_else(|| format!("unquoted value at {:?}", self.head()))?;
            self.rest = &self.rest[1..];
            let end = self.rest.find(quote).ok_or("unterminated attribute")?;
            let raw = &self.rest[..end];
            self.rest = &self.rest[end + 1..];
            if raw.contains('<') {
                return Err(format!("`<` in the value of {attribute}"));
            }
            // XML's attribute-value normalization: literal white space becomes a space.
            let value = decode(&raw.replace(['\t', '\n', '\r'], " "))?;
            if element.attributes.iter().any(|(n, _)| *n == attribute) {
                return Err(format!("duplicate attribute {attribute}"));
            }
            element.attributes.push((attribute, value));
        }
        loop {
            if let Some(rest) = self.rest.strip_prefix("</") {
                self.rest = rest;
                let closing = self.name()?;
                if closing != element.name {
                    return Err(format!("</{closing}> closes <{}>", element.name));
                }
                self.skip_space();
                self.expect(">")?;
                return Ok(element);
            }
            if self.rest.starts_with('<') {
                element.children.push(self.element()?);
                continue;
            }
            let end = self
                .rest
                .find('<')
                .ok_or_else(|| format!("<{}> is never closed", element.name))?;
            element.text.push_str(&decode(&self.rest[..end])?);
            self.rest = &self.rest[end..];
        }
    }
}

fn decode(raw: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').ok_or("`&` without `;`")? + at;
        let entity = &rest[at + 1..end];
        let c = match entity {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let number = if let Some(hex) = entity.strip_prefix("#x") {
                    u32::from_str_radix(hex, 16)
                } else if let Some(decimal) = entity.strip_prefix('#') {
                    decimal.parse()
                } else {
                    return Err(format!("unknown entity &{entity};"));
                };
                let c = number
                    .ok()
                    .and_then(char::from_u32)
                    .ok_or_else(|| format!("bad reference &{entity};"))?;
                if matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
                {
                    return Err(format!("&{entity}; is not an XML 1.0 character"));
                }
                c
            }
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[test]
fn the_xml_checker_rejects_what_is_not_xml() {
    assert!(parse_xml("<a x=\"1\"><b/>t &amp; &#10;</a>").is_ok());
    for bad in [
        "<a><b></a></b>",
        "<a>",
        "<a></a><b/>",
        "<a>x & y</a>",
        "<a>&nbsp;</a>",
        "<a x=1/>",
        "<a x=\"1\" x=\"2\"/>",
        "<a x=\"<\"/>",
        "<a>\u{1}</a>",
        "<a>&#1;</a>",
        "<a></b>",
    ] {
        assert!(parse_xml(bad).is_err(), "accepted {bad:?}");
    }
}

/// Reads the JUnit report of `dir`, checks it against the JSON findings of the same run, and
/// returns it with the number of test cases and failures.
fn junit_matches_json(dir: &Path) -> (Element, usize, usize) {
    let (xml, junit_code) = preflight(dir, "junit");
    let (json, json_code) = json_of(dir, "json");
    assert_eq!(
        junit_code, json_code,
        "the format does not change the exit code"
    );
    let root = parse_xml(&xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    assert_eq!(root.name, "testsuites");
    assert_eq!(root.children.len(), 1, "one suite");
    let suite = &root.children[0];
    assert_eq!(suite.name, "testsuite");
    assert_eq!(suite.attr("name"), "tecton-preflight");
    assert_eq!(suite.attr("errors"), "0");
    let cases = suite.find_all("testcase");
    assert_eq!(
        cases.len(),
        suite.children.len(),
        "only test cases in the suite"
    );
    let failures = suite.find_all("failure");
    let tests: usize = suite.attr("tests").parse().expect("tests");
    let failed: usize = suite.attr("failures").parse().expect("failures");
    assert_eq!(tests, cases.len());
    assert_eq!(failed, failures.len());
    assert_eq!(root.attr("tests"), suite.attr("tests"));
    assert_eq!(root.attr("failures"), suite.attr("failures"));

    let summary = &json["summary"];
    let errors_and_warnings =
        summary["errors"].as_u64().unwrap() + summary["warnings"].as_u64().unwrap();
    assert_eq!(failed as u64, errors_and_warnings, "notes are not failures");
    let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
    if diagnostics.is_empty() {
        assert_eq!(tests, 1, "a clean run is one passing test case");
        assert!(cases[0].children.iter().all(|c| c.name != "failure"));
    } else {
        assert_eq!(tests, diagnostics.len(), "one test case per finding");
    }
    for (case, d) in cases.iter().zip(diagnostics) {
        let code = d["code"].as_str().unwrap();
        let message = d["message"].as_str().unwrap();
        let file = d["file"].as_str().expect("located finding");
        assert_eq!(case.attr("classname"), file);
        assert_eq!(case.attr("name"), format!("{code} {message}"));
        let failure = case.children.iter().find(|c| c.name == "failure");
        assert_eq!(failure.is_some(), d["severity"] != "info", "{code}");
        if let Some(failure) = failure {
            assert_eq!(failure.attr("type"), code);
            assert_eq!(failure.attr("message"), message);
            let mut body = format!("{file}:{}:{}: {message}", d["line"], d["column"]);
            if let Some(help) = d["help"].as_str() {
                body = format!("{body}\nhelp: {help}");
            }
            assert_eq!(failure.text, body);
        }
    }
    (root, tests, failed)
}

#[test]
fn junit_fails_one_test_case_per_error_or_warning() {
    let (_, tests, failures) = junit_matches_json(&test_repos().join("example"));
    assert_eq!((tests, failures), (1, 1));
    let (_, tests, failures) = junit_matches_json(&test_repos().join("tp001_unparsable"));
    assert_eq!((tests, failures), (5, 5));
    let (_, tests, failures) = junit_matches_json(&test_repos().join("tp202_outside_window"));
    assert_eq!((tests, failures), (4, 4), "2 errors and 2 warnings");
    let (root, tests, failures) = junit_matches_json(&test_repos().join("tp210_old_patch"));
    assert_eq!((tests, failures), (1, 0), "a note passes");
    let out = root.find_all("system-out");
    assert_eq!(out.len(), 1);
    assert!(
        out[0].text.starts_with("repo.yaml:3:37: runtime 1.2.10"),
        "{}",
        out[0].text
    );
}

#[test]
fn junit_of_a_clean_run_is_one_passing_test_case() {
    let tmp = tempdir();
    small_repo(tmp.path(), "features.py", None, "\"1.2.13\"");
    let (root, tests, failures) = junit_matches_json(tmp.path());
    assert_eq!((tests, failures), (1, 0));
    assert!(root.find_all("system-out")[0]
        .text
        .starts_with("All checks passed"));
}

#[test]
fn junit_escapes_markup_and_control_characters() {
    let tmp = tempdir();
    small_repo(tmp.path(), "spend\u{1}.py", None, "\"<1.2 & 'x'>\"");
    let (xml, code) = preflight(tmp.path(), "junit");
    assert_eq!(code, 1);
    assert!(
        xml.contains("runtime &quot;&lt;1.2 &amp; &apos;x&apos;&gt;&quot;"),
        "{xml}"
    );
    let root = parse_xml(&xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let failures = root.find_all("failure");
    assert_eq!(failures.len(), 1, "{xml}");
    assert_eq!(
        failures[0].attr("message"),
        "runtime \"<1.2 & 'x'>\" is not an exact version of the tecton package"
    );
    assert!(failures[0]
        .text
        .starts_with("repo.yaml:3:37: runtime \"<1.2 & 'x'>\""));

    // A file name with a control character in it: reported, and the report is still XML.
    std::fs::write(
        tmp.path().join("repo.yaml"),
        "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"1.2.13\"\n",
    )
    .expect("write");
    std::fs::write(
        tmp.path().join("spend\u{1}.py"),
        "from tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[], mode=\"spark_sql\", online=True, timestamp_field=\"ts\", features=[], tecton_materialization_runtime=\"1.1.5\")\ndef user_spend(t):\n    return t\n",
    )
    .expect("write");
    let (xml, code) = preflight(tmp.path(), "junit");
    assert_eq!(code, 1);
    let root = parse_xml(&xml).unwrap_or_else(|e| panic!("{e}:\n{xml}"));
    let cases = root.find_all("testcase");
    assert_eq!(cases.len(), 1, "{xml}");
    assert_eq!(cases[0].attr("classname"), "spend\u{fffd}.py");
}
