//! The README is the user's manual: these tests hold its checkable claims to the repository. Every
//! file it names exists, every suite in `tests/` and every fixture checked against the real SDK is
//! described, the first example is what `check` prints, the rule table is what `rule` lists, and
//! the GitHub Action's inputs are the ones `action.yml` declares.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn checkout() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(checkout().join("README.md")).expect("README.md")
}

/// The text of the section that starts with the heading `heading`, up to the next heading of the
/// same or a higher level.
fn section(text: &str, heading: &str) -> String {
    let start = text
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no section {heading}"));
    let level = heading.chars().take_while(|c| *c == '#').count();
    let body = &text[start + heading.len() + 2..];
    let mut end = body.len();
    let mut offset = 0;
    let mut in_code = false;
    for line in body.split_inclusive('\n') {
        if line.starts_with("```") {
            in_code = !in_code;
        }
        let hashes = line.chars().take_while(|c| *c == '#').count();
        if !in_code && hashes > 0 && hashes <= level && line[hashes..].starts_with(' ') {
            end = offset;
            break;
        }
        offset += line.len();
    }
    body[..end].to_string()
}

/// Every `code span` of the text, code blocks left out.
fn code_spans(text: &str) -> Vec<String> {
    let mut spans = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let mut parts = line.split('`');
        parts.next();
        while let (Some(span), Some(_)) = (parts.next(), parts.next()) {
            spans.push(span.to_string());
        }
    }
    spans
}

fn run(args: &[&str]) -> (String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"))
        .args(args)
        .current_dir(checkout())
        .env_remove("VIRTUAL_ENV")
        .env("HOME", std::env::temp_dir())
        .env("TECTON_PREFLIGHT_TODAY", "2026-11-24")
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn every_file_the_readme_names_is_in_the_repository() {
    let text = readme();
    // What the project's own tooling kept elsewhere is described, never named as if it were here.
    for absent in [
        "SPEC.md",
        "SPEC §",
        "tecton-facts",
        "shared/oracle",
        "__pycache__",
    ] {
        assert!(!text.contains(absent), "the README names {absent}");
    }
    let prefixes = [
        "scripts/",
        "src/",
        "tests/",
        "test_repos/",
        "data/",
        "benches/",
        ".ci/",
    ];
    let files = [
        "action.yml",
        "pyproject.toml",
        ".pre-commit-hooks.yaml",
        "Cargo.toml",
        "Cargo.lock",
    ];
    let mut checked = 0;
    let mut missing = Vec::new();
    for span in code_spans(&text) {
        // `scripts/compare-public.py FOLDER --oracle …`: the file is the first word.
        let word = span.split_whitespace().next().unwrap_or_default();
        let path = word.split(':').next().unwrap_or_default();
        let path = path.split('#').next().unwrap_or_default();
        let named = prefixes.iter().any(|p| path.starts_with(p)) || files.contains(&path);
        if !named || path.contains(['<', '*', '$', '…']) {
            continue;
        }
        checked += 1;
        if !checkout().join(path).exists() {
            missing.push(path.to_string());
        }
    }
    assert!(checked >= 30, "only {checked} paths found");
    assert!(
        missing.is_empty(),
        "named in the README, not in the repository: {missing:?}"
    );
    // The repository's own files are not generated leftovers.
    let tracked = Command::new("git")
        .args(["ls-files", "scripts"])
        .current_dir(checkout())
        .output()
        .expect("git runs");
    let tracked = String::from_utf8_lossy(&tracked.stdout);
    assert!(
        !tracked.contains("__pycache__") && !tracked.contains(".pyc"),
        "{tracked}"
    );
}

#[test]
fn every_suite_in_tests_is_described() {
    let tests = section(&readme(), "## Tests");
    let mut suites = Vec::new();
    for entry in std::fs::read_dir(checkout().join("tests")).expect("tests/") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if let Some(stem) = name.strip_suffix(".rs") {
            suites.push(stem.to_string());
        }
    }
    suites.sort();
    assert!(suites.len() >= 10, "{suites:?}");
    for suite in &suites {
        assert!(
            tests.contains(&format!("- `tests/{suite}.rs`")),
            "tests/{suite}.rs has no entry in the README's Tests section"
        );
    }
    let count = [
        "", "", "", "", "", "", "", "", "", "", "ten", "eleven", "twelve", "thirteen", "fourteen",
    ];
    let word = count.get(suites.len()).copied().unwrap_or_default();
    assert!(
        tests.contains(&format!("the {word} suites in `tests/`")),
        "the README should count {} suites",
        suites.len()
    );
}

/// The fixture folders (directly under `test_repos/`) holding a `.oracle.json` at any depth, and
/// how many `.oracle.json` files there are.
fn oracle_fixtures() -> (BTreeSet<String>, usize) {
    let root = checkout().join("test_repos");
    let mut fixtures = BTreeSet::new();
    let mut files = 0;
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        if dir.join(".oracle.json").is_file() {
            files += 1;
            let top = dir
                .strip_prefix(&root)
                .ok()
                .and_then(|r| r.components().next())
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .unwrap_or_default();
            fixtures.insert(top);
        }
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(entry.path());
            }
        }
    }
    (fixtures, files)
}

#[test]
fn every_fixture_checked_against_the_sdk_is_named() {
    let tests = section(&readme(), "## Tests");
    let (fixtures, files) = oracle_fixtures();
    let spans: BTreeSet<String> = code_spans(&tests).into_iter().collect();
    let unnamed: Vec<_> = fixtures.iter().filter(|f| !spans.contains(*f)).collect();
    assert!(
        unnamed.is_empty(),
        "not named in the README's Tests section: {unnamed:?}"
    );
    let claim = format!("{files} roots in {} fixtures", fixtures.len());
    assert!(
        tests.replace('\n', " ").replace("  ", " ").contains(&claim),
        "the README should say {claim:?}"
    );
}

#[test]
fn the_first_example_is_what_check_prints() {
    let text = readme();
    let start = text
        .find("$ tecton-preflight check test_repos/example\n")
        .expect("the example");
    let block = &text[start..];
    let end = block.find("\n```").expect("end of the block");
    let shown = &block["$ tecton-preflight check test_repos/example\n".len()..end + 1];
    let (stdout, code) = run(&["check", "test_repos/example", "--color", "never"]);
    assert_eq!(code, 1);
    assert_eq!(shown, stdout);
}

#[test]
fn the_rule_table_is_what_rule_lists() {
    let rules = section(&readme(), "## Rules");
    let documented: Vec<(String, String, bool)> = rules
        .lines()
        .filter(|l| l.starts_with("| TP"))
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            (
                cells[0].trim_start_matches("| ").to_string(),
                cells[1].to_string(),
                l.contains("`[*]`"),
            )
        })
        .collect();
    let (listed, code) = run(&["rule"]);
    assert_eq!(code, 0);
    let listed: Vec<(String, String, bool)> = listed
        .lines()
        .map(|l| {
            let mut words = l.split_whitespace();
            (
                words.next().unwrap_or_default().to_string(),
                words.next().unwrap_or_default().to_string(),
                l.ends_with("[*]"),
            )
        })
        .collect();
    assert_eq!(documented, listed);
}

#[test]
fn the_action_inputs_are_the_documented_ones() {
    let action = std::fs::read_to_string(checkout().join("action.yml")).expect("action.yml");
    assert!(action.contains("\n  using: composite\n"));
    // The inputs: the keys indented by two spaces between `inputs:` and `outputs:`.
    let inputs_block = action
        .split("\ninputs:\n")
        .nth(1)
        .and_then(|rest| rest.split("\noutputs:\n").next())
        .expect("inputs");
    let declared: Vec<String> = inputs_block
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.ends_with(':'))
        .map(|l| l.trim().trim_end_matches(':').to_string())
        .collect();
    let recipes = section(&readme(), "### CI recipes");
    let documented: Vec<String> = recipes
        .lines()
        .skip_while(|l| !l.starts_with("| input |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('`').nth(1).unwrap_or_default().to_string())
        .collect();
    assert_eq!(declared, documented);
    // It installs itself, and runs the script the tests run.
    assert!(action.contains(
        "pip install --quiet --disable-pip-version-check \"${INSTALL:-$GITHUB_ACTION_PATH}\""
    ));
    assert!(action.contains("uses: github/codeql-action/upload-sarif@v3"));
    let script = "scripts/action/plan-comment.py";
    assert!(action.contains(&format!("\"$GITHUB_ACTION_PATH/{script}\"")));
    assert!(Path::new(&checkout().join(script)).is_file());
    assert!(recipes.contains("uses: <owner>/tecton-preflight@<tag>"));
}

// Documented behaviours that no other suite held.

fn preflight_in(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"))
        .args(args)
        .current_dir(dir)
        .env_remove("VIRTUAL_ENV")
        .env("HOME", std::env::temp_dir())
        .env("TECTON_PREFLIGHT_TODAY", "2026-11-24")
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// "in the root or a parent directory up to the git top-level (the nearest wins; a
/// `tecton-preflight.toml` wins over a `pyproject.toml` in the same directory)", and "each
/// [`--select`, `--ignore`] replaces the configuration file's list".
#[test]
fn the_nearest_configuration_applies_up_to_the_git_top_level() {
    let dir = tempfile::Builder::new()
        .prefix("preflight-")
        .tempdir()
        .expect("tempdir");
    let top = dir.path().join("top");
    let root = top.join("features/repo");
    copy_dir(&checkout().join("test_repos/example"), &root);
    let status = Command::new("git")
        .args(["init", "-q"])
        .current_dir(&top)
        .status()
        .expect("git runs");
    assert!(status.success());
    let reports_tp202 = || {
        let (out, err, code) = preflight_in(&root, &["check", ".", "--format", "concise"]);
        assert!(code == 0 || code == 1, "{out}{err}");
        out.contains(" TP202 ")
    };
    assert!(reports_tp202());

    // Above the git top-level: not read.
    std::fs::write(
        dir.path().join("tecton-preflight.toml"),
        "ignore = [\"TP202\"]\n",
    )
    .expect("w");
    assert!(
        reports_tp202(),
        "a configuration above the git top-level applied"
    );
    // At the top-level, two directories up: read.
    std::fs::write(top.join("tecton-preflight.toml"), "ignore = [\"TP202\"]\n").expect("w");
    assert!(
        !reports_tp202(),
        "the top-level's configuration did not apply"
    );
    // A nearer one wins, whole: its `ignore` replaces the farther one's.
    std::fs::write(
        root.join("pyproject.toml"),
        "[tool.tecton-preflight]\nignore = [\"TP210\"]\n",
    )
    .expect("w");
    assert!(reports_tp202(), "the nearer pyproject.toml did not win");
    // In the same directory, `tecton-preflight.toml` wins over `pyproject.toml`.
    std::fs::write(root.join("tecton-preflight.toml"), "ignore = [\"TP202\"]\n").expect("w");
    assert!(
        !reports_tp202(),
        "pyproject.toml won over tecton-preflight.toml"
    );
    // The command line's `--ignore` replaces the file's list.
    let (out, _, code) = preflight_in(
        &root,
        &["check", ".", "--format", "concise", "--ignore", "TP210"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(" TP202 "), "{out}");
}

/// "I/O error writing the output (said on stderr, except a reader that closed the pipe, as
/// `| head` does)": exit 2 either way, and nothing said for a closed pipe.
#[test]
fn a_reader_that_closed_the_pipe_is_not_an_error_message() {
    for format in ["full", "concise", "json", "github", "sarif", "junit"] {
        // The reader is gone before the program starts: closed after the start instead, a test
        // thread that waits for a core past the check's few milliseconds would leave the
        // program a reader, and it would print its report.
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let output = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"))
            .args(["check", "test_repos/example", "--format", format])
            .current_dir(checkout())
            .env("HOME", std::env::temp_dir())
            .env("TECTON_PREFLIGHT_TODAY", "2026-11-24")
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("the binary runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{format}: {stderr}");
        assert!(!stderr.contains("cannot write"), "{format}: {stderr}");
    }
}

/// "When no named path is in a feature repository … `check` exits 0 … `json`, `sarif` and `junit`
/// print their empty document."
#[test]
fn nothing_checked_still_prints_each_machine_document() {
    let dir = tempfile::Builder::new()
        .prefix("preflight-")
        .tempdir()
        .expect("tempdir");
    std::fs::create_dir_all(dir.path().join("tools")).expect("mkdir");
    std::fs::write(dir.path().join("tools/x.py"), "x = 1\n").expect("write");
    let (sarif, err, code) =
        preflight_in(dir.path(), &["check", "tools/x.py", "--format", "sarif"]);
    assert_eq!(code, 0, "{err}");
    let sarif: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["runs"][0]["results"],
        serde_json::json!([]),
        "{sarif}"
    );
    let (junit, err, code) =
        preflight_in(dir.path(), &["check", "tools/x.py", "--format", "junit"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        junit.starts_with("<?xml") && junit.contains("tests=\"1\" failures=\"0\" errors=\"0\""),
        "{junit}"
    );
    assert!(err.contains("note: nothing was checked"), "{err}");
}

/// "`-q`, `--quiet`: print only the findings, not the summary line".
#[test]
fn quiet_prints_only_the_findings() {
    let (out, code) = run(&["check", "test_repos/example", "-q", "--format", "concise"]);
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "test_repos/example/features/stream_features/user_recent_transactions.py:31:36: TP202 [*] runtime 1.1.5 is outside the +1 window of SDK 1.2 (allowed: 1.2.x, 1.3.x): it is older than SDK 1.2\n"
    );
    let (out, code) = run(&["check", "test_repos/example", "--quiet", "--color", "never"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("TP202") && !out.contains("Checked ") && !out.contains("Found "),
        "{out}"
    );
}
