//! `check --fix` and `check --diff` end to end, on a copy of `test_repos/fix_diff` (CRLF line
//! endings, a byte order mark, comments, single, raw and triple quotes, non-ASCII text): what is
//! written byte for byte, that a second `--fix` changes nothing, that nothing is left beside the
//! files, and the refusals (outside the root, changed since read).

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn preflight(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tecton-preflight").expect("binary");
    cmd.current_dir(dir)
        .env_remove("VIRTUAL_ENV")
        .env("HOME", std::env::temp_dir())
        .env("TECTON_PREFLIGHT_TODAY", "2026-11-24")
        .env("TECTON_REPO_IGNORE_ALL_HIDDEN_DIRS", "false")
        .env("NO_COLOR", "1");
    cmd
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let output = preflight(dir).args(args).output().expect("runs");
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

/// A copy of the fixture in a fresh temporary directory (without the harness's files).
fn scenario() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("preflight-fix-")
        .tempdir()
        .expect("tempdir");
    let root = dir.path().join("repo");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_repos/fix_diff");
    std::fs::create_dir(&root).expect("mkdir");
    for entry in std::fs::read_dir(&from).expect("fixture") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if name != "args" && name != "expected.out" {
            std::fs::copy(entry.path(), root.join(&name)).expect("copy");
        }
    }
    (dir, root)
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read")
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn fix_writes_exactly_the_fixed_values_and_a_second_fix_changes_nothing() {
    let (_dir, root) = scenario();
    let before_names = names(&root);
    let yaml = read(&root.join("repo.yaml"));
    let features = read(&root.join("features.py"));
    let bom = read(&root.join("bom.py"));

    let first = run(&root, &["check", "--fix", "--format", "concise", "."]);
    // The runtime built from pieces has no fix: it remains, and decides the exit code.
    assert_eq!(first.code, 1, "{}{}", first.stdout, first.stderr);
    assert!(
        first.stdout.contains("TP203 runtime \"1.2\""),
        "{}",
        first.stdout
    );
    assert!(
        first.stdout.contains("Fixed 6 findings in 3 files."),
        "{}",
        first.stdout
    );
    assert!(!first.stdout.contains("[*]"), "{}", first.stdout);
    assert_eq!(first.stderr, "");

    // Byte for byte: only the values changed; CRLF, comments, quoting, the BOM and non-ASCII kept.
    // `1.2` became `"1.2.0"` (TP104), then `"1.2.13"` (TP210) in the same run.
    let replace = |bytes: &[u8], old: &str, new: &str| {
        let text = String::from_utf8(bytes.to_vec()).expect("utf-8");
        assert_eq!(text.matches(old).count(), 1, "{old}");
        text.replacen(old, new, 1).into_bytes()
    };
    let yaml = replace(&yaml, "runtime: 1.2   #", "runtime: \"1.2.13\"   #");
    let yaml = replace(&yaml, "'1.2.10'", "'1.2.13'");
    assert_eq!(read(&root.join("repo.yaml")), yaml);
    let features = replace(&features, "\"\"\"1.1.5\"\"\"", "\"\"\"1.2.13\"\"\"");
    let features = replace(&features, "r'latest'", "r'1.2.13'");
    assert_eq!(read(&root.join("features.py")), features);
    let bom = replace(&bom, "\"1.2.11\"", "\"1.2.13\"");
    assert!(bom.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(read(&root.join("bom.py")), bom);
    // No temporary file left behind.
    assert_eq!(names(&root), before_names);

    // Idempotent: a second pass changes nothing, and the result still parses (no TP001/TP102).
    let second = run(&root, &["check", "--fix", "--format", "concise", "."]);
    assert_eq!(second.code, 1);
    assert!(
        second.stdout.contains("No fixes applied."),
        "{}",
        second.stdout
    );
    assert!(!second.stdout.contains("TP001") && !second.stdout.contains("TP102"));
    assert_eq!(read(&root.join("repo.yaml")), yaml);
    assert_eq!(read(&root.join("features.py")), features);
    assert_eq!(read(&root.join("bom.py")), bom);
    let diff = run(&root, &["check", "--diff", "."]);
    assert_eq!(
        (diff.code, diff.stdout.as_str()),
        (0, ""),
        "{}",
        diff.stderr
    );
}

#[test]
fn diff_prints_the_first_pass_and_writes_nothing() {
    let (_dir, root) = scenario();
    let yaml = read(&root.join("repo.yaml"));
    let diff = run(&root, &["check", "--diff", "."]);
    assert_eq!(diff.code, 1, "{}", diff.stderr);
    assert!(
        diff.stderr.contains("Would fix 5 findings."),
        "{}",
        diff.stderr
    );
    assert!(
        diff.stdout.contains(
            "--- a/repo.yaml\n+++ b/repo.yaml\n@@ -1,6 +1,6 @@\n # Réglages — café ☕\r\n defaults:  # the defaults\r\n   batch_feature_view:\r\n-    tecton_materialization_runtime: 1.2   # a float\r\n+    tecton_materialization_runtime: \"1.2.0\"   # a float\r\n"
        ),
        "{}",
        diff.stdout
    );
    assert_eq!(read(&root.join("repo.yaml")), yaml);
    // With the working directory elsewhere, paths are shown from there.
    let above = run(root.parent().expect("parent"), &["check", "--diff", "repo"]);
    assert!(
        above
            .stdout
            .contains("--- a/repo/repo.yaml\n+++ b/repo/repo.yaml\n"),
        "{}",
        above.stdout
    );
}

#[test]
fn full_output_marks_fixable_findings_and_shows_the_fix() {
    let (_dir, root) = scenario();
    let out = run(&root, &["check", "."]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.contains("TP210 [*]"), "{}", out.stdout);
    assert!(out.stdout.contains("TP104 [*]"), "{}", out.stdout);
    assert!(
        out.stdout.contains(
            "  fix: set the runtime to \"1.2.13\"\n    @@ -17,3 +17,3 @@\n         online=True,\n    -    tecton_materialization_runtime=\"1.2.11\",\n    +    tecton_materialization_runtime=\"1.2.13\",\n     )\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("  fix: quote the intended version: \"1.2.0\"\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.ends_with("[*] 5 fixable with --fix\n"),
        "{}",
        out.stdout
    );
    // The finding without a fix carries no mark.
    let concise = run(&root, &["check", "--format", "concise", "."]);
    assert!(
        concise.stdout.contains("TP203 runtime \"1.2\""),
        "{}",
        concise.stdout
    );
    assert!(
        concise.stdout.contains("TP203 [*] runtime \"latest\""),
        "{}",
        concise.stdout
    );
}

#[test]
fn each_fixable_rule_says_so_in_its_docs_and_in_the_list() {
    let fixable = ["TP104", "TP202", "TP203", "TP210"];
    for rule in tecton_preflight::rules::RULES {
        assert_eq!(
            rule.fixable(),
            fixable.contains(&rule.code),
            "{}",
            rule.code
        );
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let list = run(dir.path(), &["rule"]);
    for line in list.stdout.lines() {
        let code = &line[..5];
        assert_eq!(line.ends_with(" [*]"), fixable.contains(&code), "{line}");
    }
}

#[cfg(unix)]
#[test]
fn a_file_outside_the_root_is_not_written() {
    let (dir, root) = scenario();
    // repo.yaml is a link to a file outside the root: the check reads it, the fix may not write it.
    let outside = dir.path().join("shared.yaml");
    std::fs::rename(root.join("repo.yaml"), &outside).expect("move");
    std::os::unix::fs::symlink(&outside, root.join("repo.yaml")).expect("link");
    let before = read(&outside);
    // `--diff` shows only what `--fix` would write.
    let diff = run(&root, &["check", "--diff", "."]);
    assert_eq!(diff.code, 2, "{}", diff.stdout);
    assert!(!diff.stdout.contains("repo.yaml"), "{}", diff.stdout);
    assert!(diff.stdout.contains("+++ b/features.py"), "{}", diff.stdout);
    let out = run(&root, &["check", "--fix", "--format", "concise", "."]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains("outside the feature repository"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches("error:").count(), 1, "{}", out.stderr);
    assert_eq!(read(&outside), before);
    // The files inside the root are still fixed.
    let features = String::from_utf8(read(&root.join("features.py"))).expect("utf-8");
    assert!(features.contains("r'1.2.13'"), "{features}");
    assert!(
        out.stdout.contains("Fixed 3 findings in 2 files."),
        "{}",
        out.stdout
    );
}

#[test]
fn an_explicit_config_outside_the_root_may_be_fixed() {
    let (dir, root) = scenario();
    let config = dir.path().join("shared.yaml");
    std::fs::rename(root.join("repo.yaml"), &config).expect("move");
    let out = run(
        &root,
        &[
            "check",
            "--fix",
            "--config",
            "../shared.yaml",
            "--format",
            "concise",
            ".",
        ],
    );
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let text = String::from_utf8(read(&config)).expect("utf-8");
    assert!(
        text.contains("runtime: \"1.2.13\"   # a float\r\n"),
        "{text}"
    );
}

#[test]
fn a_file_changed_since_the_check_read_it_is_left_alone() {
    use tecton_preflight::check::{self, CheckOptions};
    let (_dir, root) = scenario();
    let options = CheckOptions {
        paths: vec![root.clone()],
        sdk_version: None,
        config: None,
        default_compute: None,
        select: None,
        ignore: None,
        home: None,
        virtual_env: None,
        top: None,
    };
    let result = check::run(&options);
    assert_eq!(result.fixable(), 5);
    // Someone edits repo.yaml after the check read it: its fixes are left out, the others kept.
    let yaml = root.join("repo.yaml");
    let edited = [read(&yaml), b"# edited\n".to_vec()].concat();
    std::fs::write(&yaml, &edited).expect("write");
    let (changes, taken, left_out) = result.changeset();
    assert_eq!(taken, 3);
    assert_eq!(left_out.len(), 2, "{left_out:?}");
    assert!(left_out
        .iter()
        .all(|e| matches!(e, tecton_preflight::fix::FixError::ChangedSinceRead { .. })));
    assert!(changes.files().all(|f| f.path != yaml));
    // And a changeset taken before an edit is refused when it is applied.
    let (_dir2, root2) = scenario();
    let result = check::run(&CheckOptions {
        paths: vec![root2.clone()],
        ..options
    });
    let (changes, _, _) = result.changeset();
    let features = root2.join("features.py");
    let edited = [read(&features), b"# edited\n".to_vec()].concat();
    std::fs::write(&features, &edited).expect("write");
    let applied = tecton_preflight::fix::apply(
        &changes,
        &result.writable(&CheckOptions {
            paths: vec![root2.clone()],
            sdk_version: None,
            config: None,
            default_compute: None,
            select: None,
            ignore: None,
            home: None,
            virtual_env: None,
            top: None,
        }),
    );
    assert!(
        matches!(
            applied,
            Err(tecton_preflight::fix::FixError::ChangedSinceRead { .. })
        ),
        "{applied:?}"
    );
    assert_eq!(read(&features), edited);
}

#[test]
fn json_carries_each_fix_as_edits() {
    let (_dir, root) = scenario();
    let out = run(&root, &["check", "--format", "json", "."]);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).expect("one JSON document");
    let diagnostics = doc["diagnostics"].as_array().expect("diagnostics");
    let tp210 = diagnostics
        .iter()
        .find(|d| d["code"] == "TP210" && d["file"] == "bom.py")
        .expect("TP210 in bom.py");
    assert_eq!(
        tp210["fix"],
        serde_json::json!({
            "message": "set the runtime to \"1.2.13\"",
            "applicability": "safe",
            "edits": [{"file": "bom.py", "line": 18, "column": 37, "end_line": 18,
                       "end_column": 43, "content": "1.2.13"}]
        })
    );
    let pieces = diagnostics
        .iter()
        .find(|d| {
            d["code"] == "TP203" && d["message"].as_str().is_some_and(|m| m.contains("\"1.2\""))
        })
        .expect("the TP203 without a fix");
    assert!(pieces["fix"].is_null());
    // With --fix, stdout stays one document and the count goes to stderr.
    let fixed = run(&root, &["check", "--fix", "--format", "json", "."]);
    let doc: serde_json::Value = serde_json::from_str(&fixed.stdout).expect("one JSON document");
    assert_eq!(doc["summary"]["errors"], 1);
    assert!(
        fixed.stderr.contains("Fixed 6 findings in 3 files."),
        "{}",
        fixed.stderr
    );
}

#[test]
fn a_latin_1_python_file_keeps_its_encoding() {
    let (_dir, root) = scenario();
    let file = root.join("latin.py");
    let bom = String::from_utf8(read(&root.join("bom.py"))).expect("utf-8");
    let body = bom
        .trim_start_matches('\u{feff}')
        .replace("def bom(", "def latin(")
        .replace("\"1.2.11\"", "\"1.2.12\"");
    let mut bytes = b"# -*- coding: latin-1 -*-\n# caf\xe9\n".to_vec();
    bytes.extend_from_slice(body.as_bytes());
    std::fs::write(&file, &bytes).expect("write");
    let out = run(&root, &["check", "--fix", "--format", "concise", "."]);
    assert_eq!(out.stderr, "");
    assert!(!out.stdout.contains("latin.py"), "{}", out.stdout);
    let expected = String::from_utf8_lossy(&bytes).replace("\"1.2.12\"", "\"1.2.13\"");
    let written = read(&file);
    assert_eq!(String::from_utf8_lossy(&written), expected);
    assert_eq!(written[31], 0xe9, "the latin-1 byte is kept");
    assert!(std::str::from_utf8(&written).is_err());
}

/// Copies a directory tree (files and folders; the fixtures hold no links).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("list") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// ruff's invariant over every scenario: apply the fixes, check again, apply again: the second
/// pass changes nothing, and no fix makes a file unreadable (no new TP001 or TP102).
#[test]
fn on_every_scenario_a_second_fix_changes_nothing_and_nothing_breaks() {
    let repos = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_repos");
    let mut fixed_somewhere = 0;
    for entry in std::fs::read_dir(&repos).expect("test_repos") {
        let from = entry.expect("entry").path();
        if !from.is_dir() {
            continue;
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("repo");
        copy_tree(&from, &root);
        let extra = std::fs::read_to_string(root.join("args")).unwrap_or_default();
        let mut args = vec!["check", ".", "--format", "concise"];
        args.extend(extra.split_whitespace().filter(|a| *a != "--diff"));
        let before = run(&root, &args);
        let count = |out: &str, code: &str| out.matches(&format!(" {code} ")).count();
        let first = run(&root, &[&args[..], &["--fix"]].concat());
        assert!(
            first.stderr.is_empty(),
            "{}: {}",
            from.display(),
            first.stderr
        );
        if !first.stdout.contains("No fixes applied.") {
            fixed_somewhere += 1;
        }
        for code in ["TP001", "TP102"] {
            assert!(
                count(&first.stdout, code) <= count(&before.stdout, code),
                "{}: {code} after --fix:\n{}",
                from.display(),
                first.stdout
            );
        }
        assert!(
            !first.stdout.contains("[*]"),
            "{}: {}",
            from.display(),
            first.stdout
        );
        let second = run(&root, &[&args[..], &["--fix"]].concat());
        assert!(
            second.stdout.contains("No fixes applied."),
            "{}: {}",
            from.display(),
            second.stdout
        );
    }
    assert!(
        fixed_somewhere >= 10,
        "fixed in {fixed_somewhere} scenarios"
    );
}

#[test]
fn with_the_sdk_unknown_a_non_exact_runtime_has_no_fix() {
    let (_dir, root) = scenario();
    std::fs::remove_file(root.join("requirements.txt")).expect("unpin");
    let out = run(&root, &["check", "--format", "concise", "."]);
    assert!(out.stdout.contains("TP208"), "{}", out.stdout);
    assert!(
        out.stdout.contains("TP203 runtime \"latest\""),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("TP203 [*]"), "{}", out.stdout);
    // The old patch keeps its one right answer: the newest patch of its own minor.
    assert!(
        out.stdout.contains("TP210 [*] runtime 1.2.11"),
        "{}",
        out.stdout
    );
}
