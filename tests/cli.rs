//! The command line as users meet it: exit codes, formats, the `rule` command, and the bad inputs
//! that are easiest to build at test time (symlink loops, huge files, unreadable directories).

use std::path::Path;

use assert_cmd::Command;

fn preflight(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("tecton-preflight").expect("binary");
    cmd.current_dir(dir)
        .env_remove("VIRTUAL_ENV")
        .env("HOME", std::env::temp_dir())
        .env("TECTON_PREFLIGHT_TODAY", "2026-11-24")
        .env("NO_COLOR", "1");
    cmd
}

fn stdout_of(cmd: &mut Command) -> (String, i32) {
    let output = cmd.output().expect("runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

/// A small valid repository: SDK 1.2, a repo config, one materialized Spark view.
fn small_repo(root: &Path) {
    std::fs::create_dir_all(root).expect("mkdir");
    std::fs::write(root.join(".tecton"), "").expect("marker");
    std::fs::write(root.join("requirements.txt"), "tecton[pyspark]~=1.2.0\n").expect("pin");
    std::fs::write(
        root.join("repo.yaml"),
        "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"1.2.13\"\n",
    )
    .expect("repo.yaml");
    std::fs::write(
        root.join("features.py"),
        "from tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[], mode=\"spark_sql\", online=True, timestamp_field=\"ts\", features=[])\ndef user_spend(t):\n    return t\n",
    )
    .expect("features");
}

fn repos() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_repos")
}

#[test]
fn clean_repository_exits_zero_and_says_so() {
    let dir = tempdir();
    small_repo(dir.path());
    let (out, code) = stdout_of(preflight(dir.path()).arg("check"));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("All checks passed in 1 root (1 file, 2 objects)."),
        "{out}"
    );
}

#[test]
fn check_is_the_default_command() {
    let dir = tempdir();
    small_repo(dir.path());
    let (with, _) = stdout_of(preflight(dir.path()).args(["check", "--format", "json"]));
    let (without, _) = stdout_of(preflight(dir.path()).args(["--format", "json"]));
    assert_eq!(with, without);
}

#[test]
fn error_findings_exit_one() {
    let (out, code) =
        stdout_of(preflight(&repos().join("example")).args(["check", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("TP202"), "{out}");
}

/// A factory in `common.py` that the SDK refuses fails the import of the file that calls it: a
/// pre-commit run on that file alone (the one a commit changed to pass an enum member) reports it,
/// and the message names it.
#[test]
fn a_factorys_error_is_reported_for_the_file_that_calls_it() {
    for (fixture, caller) in [
        ("interp_enums", "by_member.py"),
        ("interp_enums_sdk09", "by_member.py"),
        ("interp_enums_sdk09", "by_name_member.py"),
    ] {
        let (out, code) = stdout_of(
            preflight(&repos().join(fixture)).args(["check", "--format", "concise", caller]),
        );
        assert_eq!(code, 1, "{fixture} {caller}: {out}");
        assert!(
            out.contains(&format!(
                "TP001 Tecton cannot import `{caller}`: type of argument"
            )),
            "{fixture} {caller}: {out}"
        );
    }
    // A file that calls the factory with values the SDK accepts has nothing to report.
    let (out, _) = stdout_of(preflight(&repos().join("interp_enums")).args([
        "check",
        "--format",
        "json",
        "by_value.py",
    ]));
    assert!(!out.contains("TP001"), "{out}");
}

/// Objects a factory builds share its constructor call: a finding about one of them labels the
/// call that built it, so checking the calling file alone (the pre-commit path) reports it.
#[test]
fn a_factory_built_objects_findings_are_reported_for_the_file_that_calls_it() {
    let dir = repos().join("factory_built_objects");
    for (file, codes, code) in [
        ("features/growth.py", &["TP003", "TP207"][..], 1),
        ("features/risk.py", &["TP003"][..], 1),
        ("features/fraud.py", &[][..], 0),
        // The runtime finding is at the factory's default; it concerns the table this file built.
        ("features/legacy.py", &["TP202"][..], 1),
    ] {
        let (out, exit) = stdout_of(preflight(&dir).args(["check", "--format", "concise", file]));
        assert_eq!(exit, code, "{file}: {out}");
        let found: Vec<&str> = out
            .lines()
            .filter_map(|l| l.split(": ").nth(1)?.split(' ').next())
            .filter(|c| c.starts_with("TP"))
            .collect();
        assert_eq!(found, codes, "{file}: {out}");
    }
    // The full report shows each call, in the file that made it.
    let (out, _) = stdout_of(preflight(&dir).args(["check", "--select", "TP003", "."]));
    for call in [
        "[features/growth.py:6:17]",
        "Feature Table `risk_scores` first built by this call",
        "[features/risk.py:3:15]",
        "Feature Table `risk_scores` built by this call",
    ] {
        assert!(out.contains(call), "{call}: {out}");
    }
}

/// A suppression on the line of the call that made a factory's table silences the finding of the
/// factory's default runtime for that table, and for no other.
#[test]
fn a_suppression_on_a_factory_call_silences_its_table_alone() {
    let dir = tempdir();
    let root = dir.path();
    std::fs::write(root.join(".tecton"), "").expect("marker");
    std::fs::write(root.join("requirements.txt"), "tecton==1.2.13\n").expect("pin");
    std::fs::write(root.join("repo.yaml"), "defaults: {}\n").expect("repo.yaml");
    let common = std::fs::read_to_string(repos().join("factory_built_objects/features/common.py"))
        .expect("common.py");
    std::fs::write(root.join("common.py"), common).expect("common.py");
    std::fs::write(
        root.join("legacy.py"),
        "from common import legacy_table\n\nkept = legacy_table(\"kept\")  # tecton-preflight: ignore[TP202]\nflagged = legacy_table(\"flagged\")\n",
    )
    .expect("legacy.py");
    let (out, code) =
        stdout_of(preflight(root).args(["check", "--format", "concise", "--select", "TP202"]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("TP202 [*] runtime 1.1.20 is outside the +1 window of SDK 1.2.13 (allowed: 1.2.x, 1.3.x): it is older than SDK 1.2 (not suppressed for Feature Table `flagged`)"),
        "{out}"
    );
}

#[test]
fn usage_and_io_errors_exit_two() {
    let dir = tempdir();
    let output = preflight(dir.path())
        .args(["check", "no/such/dir"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no such file or directory"));
    let output = preflight(dir.path())
        .args(["check", "--sdk-version", "one.two"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let output = preflight(dir.path())
        .args(["check", "--format", "xml"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let output = preflight(dir.path())
        .args(["rule", "TP999"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_directory_without_a_root_is_tp004() {
    let dir = tempdir();
    std::fs::write(dir.path().join("features.py"), "x = 1\n").expect("write");
    let (out, code) = stdout_of(preflight(dir.path()).args(["check", ".", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("TP004"), "{out}");
    assert!(!out.contains("/.,"), "paths are normalized: {out}");
    let (full, _) = stdout_of(preflight(dir.path()).args(["check", "."]));
    assert!(
        full.contains("tecton init"),
        "the help says how to make a root: {full}"
    );
}

#[test]
fn rule_prints_documentation_and_lists_every_rule() {
    let (out, code) = stdout_of(preflight(&repos()).args(["rule", "TP202"]));
    assert_eq!(code, 0);
    for section in [
        "## TP202",
        "### What it does",
        "### Why is this bad?",
        "### Example",
        "### Use instead",
    ] {
        assert!(out.contains(section), "{section} missing in:\n{out}");
    }
    let (list, _) = stdout_of(preflight(&repos()).arg("rule"));
    assert_eq!(list.lines().count(), 33, "{list}");
    assert!(list.contains("TP210  info"), "{list}");
}

#[test]
fn every_rule_documents_all_sections() {
    for rule in tecton_preflight::rules::RULES {
        let doc = rule.doc();
        for section in [
            "### What it does",
            "### Why is this bad?",
            "### Example",
            "### Use instead",
        ] {
            assert!(doc.contains(section), "{} lacks {section}", rule.code);
        }
        assert!(
            doc.starts_with(&format!("## {}", rule.code)),
            "{} doc heading",
            rule.code
        );
    }
}

#[test]
fn json_follows_the_documented_schema() {
    let (out, _) =
        stdout_of(preflight(&repos().join("example")).args(["check", "--format", "json"]));
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(doc["schema"], "tecton-preflight/check/v1");
    let root = &doc["roots"][0];
    assert_eq!(root["path"], ".");
    assert_eq!(root["sdk"]["version"], "1.2");
    assert_eq!(root["sdk"]["source"], "requirements.txt");
    assert_eq!(root["repo_config"], "repo.yaml");
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&root["objects"][0]),
        [
            "compute",
            "environment",
            "file",
            "kind",
            "line",
            "materialized",
            "name",
            "offline",
            "online",
            "runtime"
        ]
    );
    let diagnostic = &doc["diagnostics"][0];
    assert_eq!(
        keys(diagnostic),
        [
            "code",
            "column",
            "end_column",
            "end_line",
            "file",
            "fix",
            "help",
            "line",
            "message",
            "severity"
        ]
    );
    assert_eq!(
        keys(&doc["summary"]),
        ["errors", "files", "infos", "objects", "roots", "warnings"]
    );
    let sfv = root["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .find(|o| o["name"] == "user_recent_transactions" && o["kind"] == "stream_feature_view")
        .expect("the stream view");
    assert_eq!(sfv["runtime"]["value"], "1.1.5");
    assert_eq!(sfv["runtime"]["origin"], "explicit");
    assert_eq!(sfv["compute"], "spark");
}

#[test]
fn github_format_writes_workflow_commands() {
    let (out, _) =
        stdout_of(preflight(&repos().join("example")).args(["check", "--format", "github"]));
    let line = out
        .lines()
        .find(|l| l.contains("TP202"))
        .expect("a TP202 annotation");
    assert!(line.starts_with("::error title=TP202"), "{line}");
    // Relative to the git top-level, which GitHub resolves paths against.
    let prefix = std::process::Command::new("git")
        .args(["rev-parse", "--show-prefix"])
        .current_dir(repos().join("example"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    assert!(
        line.contains(&format!(",file={prefix}features/stream_features/")),
        "{line}"
    );
}

#[test]
fn full_format_shows_the_source_and_the_fix() {
    let (out, _) =
        stdout_of(preflight(&repos().join("example")).args(["check", "--color", "never"]));
    assert!(out.contains("TP202"), "{out}");
    assert!(out.contains("help:"), "{out}");
    assert!(
        out.contains("tecton_materialization_runtime=\"1.1.5\""),
        "the excerpt is shown: {out}"
    );
    assert!(!out.contains('\u{1b}'), "no color codes with --color never");
}

#[test]
fn several_paths_and_roots_in_one_run() {
    let (out, _) = stdout_of(preflight(&repos()).args([
        "check",
        "monorepo",
        "tp210_old_patch",
        "--format",
        "json",
    ]));
    let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let paths: Vec<&str> = doc["roots"]
        .as_array()
        .expect("roots")
        .iter()
        .map(|r| r["path"].as_str().expect("path"))
        .collect();
    assert_eq!(
        paths,
        ["monorepo/legacy", "monorepo/spark", "tp210_old_patch"]
    );
}

#[test]
fn a_huge_file_is_reported_and_the_rest_still_checked() {
    let dir = tempdir();
    small_repo(dir.path());
    let line = "# padding padding padding padding padding padding padding padding padding\n";
    let huge = line.repeat(33 * 1024 * 1024 / line.len() + 1);
    std::fs::write(dir.path().join("generated.py"), huge).expect("write");
    let (out, code) = stdout_of(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("generated.py:1:1: TP001"), "{out}");
    assert!(
        out.contains("2 objects"),
        "features.py is still read: {out}"
    );
}

#[test]
fn deep_nesting_does_not_crash() {
    let dir = tempdir();
    small_repo(dir.path());
    let brackets = format!("x = {}1{}\n", "[".repeat(100_000), "]".repeat(100_000));
    std::fs::write(dir.path().join("brackets.py"), brackets).expect("write");
    let chain = format!("x = {}1\n", "1 + ".repeat(200_000));
    std::fs::write(dir.path().join("chain.py"), chain).expect("write");
    let (out, code) = stdout_of(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("brackets.py:1:205: TP001"), "{out}");
    assert!(out.contains("chain.py:1:"), "{out}");
    assert!(out.contains("2 objects"), "{out}");
}

/// Text a string method or `join` would make past what the interpreter holds (16 MiB), padded
/// past 4,096 characters, or split into more pieces than a list it holds, is unknown, not built:
/// these would take a terabyte.
#[test]
fn string_methods_that_would_make_huge_text_are_unknown() {
    let dir = tempdir();
    small_repo(dir.path());
    let items = vec!["\"1\""; 100].join(", ");
    let names = format!(
        "from tecton import Entity\nfrom tecton.types import Field, String\n\nA = \"{}\"\n\
         Entity(name=\"r\" + A.replace(\"\", A)[:2], join_keys=[Field(\"id\", String)])\n\
         Entity(name=\"j\" + A.join([{items}])[:2], join_keys=[Field(\"id\", String)])\n\
         Entity(name=\"z\" + \"x\".zfill(1000000000000), join_keys=[Field(\"id\", String)])\n\
         Entity(name=\"c\" + \"x\".center(1000000000000), join_keys=[Field(\"id\", String)])\n\
         Entity(name=\"p\" + A.replace(\"x\", \"x \").split()[0], join_keys=[Field(\"id\", String)])\n\
         Entity(name=\"s\" + A.strip(A), join_keys=[Field(\"id\", String)])\n",
        "x".repeat(1 << 20)
    );
    std::fs::write(dir.path().join("names.py"), names).expect("write");
    let (out, code) = stdout_of(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert!(code == 0 || code == 1, "{code}: {out}");
    for call in [
        "A.replace(\"\", A)",
        "A.join([",
        "\"x\".zfill(1000000000000)",
        "\"x\".center(1000000000000)",
        // A million pieces: more than a list the interpreter holds.
        "A.replace(\"x\", \"x \").split()",
    ] {
        assert!(
            out.contains(&format!(
                "TP002 `name` of this Entity cannot be resolved statically: the result of `{call}"
            )),
            "{call}: {out}"
        );
    }
    // Stripping a text by every character of a long one is no scan per character: the name
    // is known.
    assert!(!out.contains("A.strip(A)"), "{out}");
    // The two of `features.py` and the six entities, each listed.
    assert!(out.contains("8 objects"), "{out}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_never_hang_and_py_links_that_go_nowhere_are_reported() {
    let dir = tempdir();
    small_repo(dir.path());
    std::fs::create_dir(dir.path().join("pkg")).expect("mkdir");
    // Tecton does not enter directory symlinks, so a looping one is simply not walked.
    std::os::unix::fs::symlink(dir.path(), dir.path().join("pkg").join("loop")).expect("symlink");
    // A `.py` symlink that loops or points nowhere is a file Tecton would fail to import.
    std::os::unix::fs::symlink("self.py", dir.path().join("self.py")).expect("symlink");
    std::os::unix::fs::symlink(
        dir.path().join("missing.py"),
        dir.path().join("dangling.py"),
    )
    .expect("symlink");
    let (out, code) = stdout_of(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("self.py:1:1: TP001") && out.contains("symlink loop"),
        "{out}"
    );
    assert!(
        out.contains("dangling.py:1:1: TP001") && out.contains("broken symlink"),
        "{out}"
    );
    assert!(
        !out.contains("pkg/loop"),
        "directory links are not walked: {out}"
    );
    assert!(
        out.contains("(1 file, 2 objects)"),
        "the rest is still checked: {out}"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempdir();
    small_repo(dir.path());
    let secret = dir.path().join("secret.py");
    std::fs::write(&secret, "x = 1\n").expect("write");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&secret).is_ok() {
        // Running as root: permissions do not stop reads, so there is nothing to observe.
        return;
    }
    let (out, code) = stdout_of(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("secret.py:1:1: TP001"), "{out}");
}

#[test]
fn a_non_utf8_repo_config_is_tp102_with_a_position() {
    let dir = tempdir();
    small_repo(dir.path());
    std::fs::write(
        dir.path().join("repo.yaml"),
        b"defaults:\n  batch_feature_view: \xff\n",
    )
    .expect("write");
    let (out, code) = stdout_of(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("repo.yaml:2:23: TP102"), "{out}");
}

#[test]
fn a_deeply_nested_or_huge_repo_config_is_reported_not_fatal() {
    let dir = tempdir();
    small_repo(dir.path());
    let nested = format!(
        "defaults: {}1{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    std::fs::write(dir.path().join("repo.yaml"), nested).expect("write");
    let (out, code) = stdout_of(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("repo.yaml:1:") && out.contains("TP102"),
        "{out}"
    );
    assert!(
        out.contains("2 objects"),
        "the Python files are still checked: {out}"
    );

    let mut huge = String::from(
        "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"1.2.13\"\n",
    );
    for i in 0..200_000 {
        huge.push_str(&format!("# padding line {i}\n"));
    }
    huge.push_str("  feature_tabel:\n    tecton_materialization_runtime: \"1.2.13\"\n");
    std::fs::write(dir.path().join("repo.yaml"), huge).expect("write");
    let (out, code) = stdout_of(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("repo.yaml:200004:3: TP103"), "{out}");
}

/// A temporary directory whose name is not hidden: Tecton (and so tecton-preflight) imports nothing
/// below a directory whose name starts with a dot, which `tempfile`'s default names do.
fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("preflight-")
        .tempdir()
        .expect("tempdir")
}

#[test]
fn named_files_report_only_their_findings_and_the_repo_config() {
    let example = repos().join("example");
    let (all, _) = stdout_of(preflight(&example).args(["check", "--format", "concise"]));
    assert!(all.contains("user_recent_transactions.py"), "{all}");
    // A file without findings: the root is still analysed, but nothing is reported for others.
    let (one, code) =
        stdout_of(preflight(&example).args(["check", "entities.py", "--format", "concise"]));
    assert_eq!(code, 0, "{one}");
    assert!(!one.contains("TP202"), "{one}");
    assert!(
        one.contains("(13 files, 22 objects)"),
        "the whole root is analysed: {one}"
    );
    let (two, code) = stdout_of(preflight(&example).args([
        "check",
        "entities.py",
        "features/stream_features/user_recent_transactions.py",
        "--format",
        "concise",
    ]));
    assert_eq!(code, 1, "{two}");
    assert!(
        two.contains("user_recent_transactions.py:31:36: TP202"),
        "{two}"
    );
}

#[test]
fn a_runtime_constant_of_another_module_is_reported_for_the_view_and_for_the_constant() {
    let repo = repos().join("constant_in_another_module");
    let check =
        |file: &str| stdout_of(preflight(&repo).args(["check", file, "--format", "concise"]));
    // The commit that adds or changes the view sees the finding, at the view's argument.
    let (out, code) = check("features/spend.py");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("features/spend.py:18:49: TP202"), "{out}");
    assert!(!out.contains("spend_weekly.py"), "{out}");
    let (out, code) = check("features/spend_ok.py");
    assert_eq!(code, 0, "{out}");
    // The commit that changes the constant sees every view that takes it.
    let (out, code) = check("common/versions.py");
    assert_eq!(code, 1, "{out}");
    for place in [
        "features/spend.py:18:49",
        "features/spend_weekly.py:18:50",
        "features/spend_options.py:18:7",
        "features/tables.py:15:40",
    ] {
        assert!(out.contains(&format!("{place}: TP202")), "{out}");
    }
    // The full report labels where the value is set.
    let (out, _) = stdout_of(preflight(&repo).args(["check", "features/spend.py"]));
    assert!(
        out.contains("[common/versions.py:4:11]") && out.contains("value set here"),
        "{out}"
    );
    // One argument that takes two values in a loop: only the one outside the window is reported.
    let (out, _) = stdout_of(preflight(&repo).args(["check", "features/tables.py"]));
    assert!(
        out.contains("used by Feature Table `user_table_old`")
            && out.contains("[common/versions.py:4:11]")
            && out.contains("Found 1 error"),
        "{out}"
    );
    // A named file reached through a symlink is matched with its resolved path.
    let dir = tempdir();
    std::os::unix::fs::symlink(&repo, dir.path().join("link")).expect("symlink");
    let (out, code) = stdout_of(preflight(dir.path()).args([
        "check",
        "link/features/spend.py",
        "--format",
        "concise",
    ]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("TP202"), "{out}");
}

#[test]
fn a_suppression_on_a_constant_silences_every_view_that_takes_it() {
    let dir = tempdir();
    small_repo(dir.path());
    std::fs::write(
        dir.path().join("versions.py"),
        "RUNTIME = \"1.1.0\"  # tecton-preflight: ignore[TP202]\nOTHER = \"1.1.0\"\n",
    )
    .expect("write");
    let view = |name: &str, constant: &str| {
        format!("from tecton import batch_feature_view\nfrom versions import {constant}\n\n@batch_feature_view(sources=[], entities=[], mode=\"spark_sql\", online=True, timestamp_field=\"ts\", features=[], tecton_materialization_runtime={constant})\ndef {name}(t):\n    return t\n")
    };
    std::fs::write(dir.path().join("a.py"), view("a", "RUNTIME")).expect("write");
    std::fs::write(dir.path().join("b.py"), view("b", "RUNTIME")).expect("write");
    std::fs::write(dir.path().join("c.py"), view("c", "OTHER")).expect("write");
    let (out, code) = stdout_of(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("c.py:4:") && out.contains("Found 1 error, 0 warnings"),
        "only the view of the unsuppressed constant is reported, and the suppression is used: {out}"
    );
}

#[test]
fn select_and_ignore_flags_win_over_the_file() {
    let dir = repos().join("tool_config_applies");
    let (out, code) =
        stdout_of(preflight(&dir).args(["check", "--format", "concise", "--ignore", "TP206"]));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("TP210"),
        "the file's ignore list is replaced: {out}"
    );
    let (out, _) =
        stdout_of(preflight(&dir).args(["check", "--format", "concise", "--select", "TP2"]));
    assert!(
        out.contains("TP206") && !out.contains("TP210"),
        "select leaves the file's ignore list: {out}"
    );
    let (out, code) = stdout_of(preflight(&dir).args(["check", "--select", "TP2O2"]));
    assert_eq!(code, 2, "an unknown code is a usage error: {out}");
}

#[test]
fn named_files_outside_a_root_are_skipped_and_pins_report_the_whole_root() {
    let dir = tempdir();
    small_repo(&dir.path().join("feature_repo"));
    std::fs::create_dir(dir.path().join("tools")).expect("mkdir");
    std::fs::write(dir.path().join("tools/x.py"), "x = 1\n").expect("write");
    let (out, code) =
        stdout_of(preflight(dir.path()).args(["check", "tools/x.py", "--format", "concise"]));
    assert_eq!(
        code, 0,
        "a file outside any feature repository is not an error: {out}"
    );
    assert!(!out.contains("TP004"), "{out}");

    // Pinning SDK 1.0 puts the repo.yaml runtime 1.2.13 past the window of 1.0 (1.0.x, 1.1.x).
    std::fs::write(
        dir.path().join("feature_repo/requirements.txt"),
        "tecton~=1.0.0\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("feature_repo/pinned.py"),
        "from tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[], mode=\"spark_sql\", online=True, timestamp_field=\"ts\", features=[], tecton_materialization_runtime=\"1.2.13\")\ndef pinned(t):\n    return t\n",
    )
    .expect("write");
    let (out, code) = stdout_of(preflight(dir.path()).args([
        "check",
        "tools/x.py",
        "feature_repo/requirements.txt",
        "--format",
        "concise",
    ]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("feature_repo/pinned.py:") && out.contains("feature_repo/repo.yaml:"),
        "{out}"
    );
}

#[test]
fn fifos_and_devices_in_place_of_config_files_are_findings_not_hangs() {
    let dir = tempdir();
    small_repo(dir.path());
    std::fs::remove_file(dir.path().join("repo.yaml")).expect("rm");
    let fifo = |name: &str| {
        let status = std::process::Command::new("mkfifo")
            .arg(dir.path().join(name))
            .status()
            .expect("mkfifo runs");
        assert!(status.success());
    };
    fifo("repo.yaml");
    fifo(".tectonignore");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("requirements-dev.txt"))
        .expect("symlink");
    let (out, code) = stdout_of(
        preflight(dir.path())
            .args(["check", "--format", "concise"])
            .timeout(std::time::Duration::from_secs(30)),
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("repo.yaml:1:1: TP102 cannot read the repo config: it is not a regular file"),
        "{out}"
    );
    assert!(out.contains(".tectonignore:1:1: TP001"), "{out}");
    // The view is still found and checked.
    assert!(
        out.contains("TP201 Batch Feature View `user_spend`"),
        "{out}"
    );
}

#[test]
fn the_output_does_not_depend_on_the_number_of_threads() {
    // One thread (the analysis thread alone parses every file, and rayon's pool has no other
    // worker), two and five, on one root and on every fixture at once.
    let repos = repos();
    let one_root = repos.join("interp_enums");
    // A plan against another root's snapshot: every object is a change.
    let scratch = tempdir();
    let snapshot = scratch.path().join("base.json");
    let (base, _) = stdout_of(preflight(&repos).args([
        "check",
        "--format",
        "json",
        "interp_partials_and_formatting",
    ]));
    std::fs::write(&snapshot, base).expect("snapshot");
    let snapshot = snapshot.to_string_lossy();
    for (dir, args) in [
        (&one_root, vec!["check", "--format", "json", "."]),
        (&repos, vec!["check", "--format", "json", "."]),
        (
            &one_root,
            vec![
                "plan",
                "--format",
                "json",
                "--base-snapshot",
                &snapshot,
                ".",
            ],
        ),
    ] {
        let outputs: Vec<(String, i32)> = ["1", "2", "5"]
            .into_iter()
            .map(|threads| stdout_of(preflight(dir).env("RAYON_NUM_THREADS", threads).args(&args)))
            .collect();
        assert!(outputs[0].0.len() > 100, "{args:?}: {}", outputs[0].0);
        assert_eq!(outputs[0], outputs[1], "{args:?}: one thread against two");
        assert_eq!(outputs[0], outputs[2], "{args:?}: one thread against five");
    }
}

#[test]
fn a_large_roots_objects_come_out_alike_alone_and_beside_another_root() {
    // A lone root of at least 128 objects is resolved on rayon's threads, in chunks; one of
    // several roots is resolved on its own thread, in order. Both must give the same objects in
    // the same order, and the same findings: TP002 for names read from the environment, and
    // stream views that SDK 1.2 on Rift refuses to construct (their objects are dropped), and
    // TP003 for one name defined in every file.
    let dir = tempdir();
    let big = dir.path().join("big");
    // The small repository's SDK pin and repo config, with views of its own.
    small_repo(&big);
    std::fs::remove_file(big.join("features.py")).expect("features");
    for file in 0..3 {
        let mut text = String::from(
            "import os\nfrom tecton import batch_feature_view, stream_feature_view\n\n",
        );
        for n in file * 60..file * 60 + 60 {
            let (decorator, name, extra) = if n % 11 == 0 {
                (
                    "stream_feature_view(source=None",
                    format!("\"s{n}\""),
                    ", environment=\"tecton-rift-core-1.2.0\"",
                )
            } else if n % 60 == 1 {
                // One name in every file: TP003, which names the first definition.
                (
                    "batch_feature_view(sources=[]",
                    "\"shared\"".to_string(),
                    ", online=True",
                )
            } else if n % 7 == 0 {
                (
                    "batch_feature_view(sources=[]",
                    format!("os.environ[\"N{n}\"]"),
                    ", online=True",
                )
            } else {
                (
                    "batch_feature_view(sources=[]",
                    format!("\"v{n}\""),
                    ", online=True",
                )
            };
            text.push_str(&format!(
                "@{decorator}, name={name}, entities=[], mode=\"pandas\", timestamp_field=\"ts\", features=[]{extra})\ndef view_{n}(t):\n    return t\n\n"
            ));
        }
        std::fs::write(big.join(format!("views_{file}.py")), text).expect("views");
    }
    small_repo(&dir.path().join("small"));
    let run = |roots: &[&str]| {
        let mut args = vec!["check", "--format", "json", "--default-compute", "rift"];
        args.extend(roots);
        let (out, _) = stdout_of(preflight(dir.path()).args(&args));
        let doc: serde_json::Value = serde_json::from_str(&out).expect("JSON");
        let objects = doc["roots"]
            .as_array()
            .expect("roots")
            .iter()
            .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with("big")))
            .expect("the big root")["objects"]
            .clone();
        let findings: Vec<serde_json::Value> = doc["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["file"].as_str().is_some_and(|f| f.starts_with("big")))
            .cloned()
            .collect();
        (objects, findings)
    };
    let (alone_objects, alone_findings) = run(&["big"]);
    let (beside_objects, beside_findings) = run(&["big", "small"]);
    let codes = |findings: &[serde_json::Value], code: &str| {
        findings.iter().filter(|d| d["code"] == code).count()
    };
    // 180 views, 17 of them stream views that are not constructed; each view has its function.
    assert_eq!(
        alone_objects.as_array().map(Vec::len),
        Some(2 * 180 - 2 * 17 + 17)
    );
    assert_eq!(codes(&alone_findings, "TP001"), 17, "{alone_findings:?}");
    assert_eq!(codes(&alone_findings, "TP002"), 23, "{alone_findings:?}");
    assert_eq!(codes(&alone_findings, "TP003"), 1, "{alone_findings:?}");
    assert_eq!(alone_objects, beside_objects);
    assert_eq!(alone_findings, beside_findings);
}
