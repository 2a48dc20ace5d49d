//! Answers that must not mislead: every version the tool recommends is published, every version it
//! is told to use was released, a fix it suggests clears the finding, and every place and count it
//! prints is the right one.

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

/// stdout, stderr and the exit code.
fn run(cmd: &mut Command) -> (String, String, i32) {
    let output = cmd.output().expect("runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

/// A temporary directory whose name is not hidden (Tecton imports nothing below one).
fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("preflight-")
        .tempdir()
        .expect("tempdir")
}

fn write(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

const VIEW: &str = "from tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[], mode=\"spark_sql\", online=True, timestamp_field=\"ts\", features=[])\ndef user_spend(t):\n    return t\n";

/// A root with `pin` as its requirements and `runtime` as the batch views' default.
fn repo(root: &Path, pin: &str, runtime: &str) {
    write(root, ".tecton", "");
    write(root, "requirements.txt", &format!("{pin}\n"));
    write(
        root,
        "repo.yaml",
        &format!(
            "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"{runtime}\"\n"
        ),
    );
    write(root, "features.py", VIEW);
}

fn json(cmd: &mut Command) -> serde_json::Value {
    let (out, err, _) = run(cmd.args(["--format", "json"]));
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}{err}"))
}

#[test]
fn tp202_recommends_only_published_runtimes() {
    let dir = tempdir();
    repo(dir.path(), "tecton==1.3.0b4", "1.1.20");
    let report = json(preflight(dir.path()).arg("check"));
    let finding = &report["diagnostics"][0];
    assert_eq!(finding["code"], "TP202", "{report}");
    let help = finding["help"].as_str().unwrap_or_default();
    assert!(
        help.contains("\"1.3.0b4\"") && help.contains("pre-release"),
        "SDK 1.3 has no final release, so 1.3.0 is not one to recommend: {help}"
    );
    // The recommended value clears TP202 and raises no TP204 (not published).
    repo(dir.path(), "tecton==1.3.0b4", "1.3.0b4");
    let report = json(preflight(dir.path()).arg("check"));
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(
        !codes.contains(&"TP202") && !codes.contains(&"TP204"),
        "{report}"
    );
}

#[test]
fn an_sdk_version_tecton_never_released_is_refused() {
    let dir = tempdir();
    repo(dir.path(), "tecton~=1.2.0", "1.2.13");
    for (version, says) in [
        ("1.10", "nearest released: 1.3"),
        ("2.0", "never released SDK 2.0"),
        ("0.10", "nearest released: 0.9, 1.0"),
        ("1.2.99", "the newest 1.2 release is"),
    ] {
        let (out, err, code) = run(preflight(dir.path()).args(["check", "--sdk-version", version]));
        assert_eq!(code, 2, "{version}: {out}{err}");
        assert!(err.contains(says), "{version}: {err}");
        let (_, err, code) = run(preflight(dir.path()).args(["plan", "--sdk-version", version]));
        assert_eq!(code, 2, "{version}: {err}");
    }
    for version in ["1.2", "1.3", "1.3.0b4", "1.2.5"] {
        let (out, err, code) = run(preflight(dir.path()).args(["check", "--sdk-version", version]));
        assert!(code < 2, "{version}: {out}{err}");
    }
    // The same holds in the configuration file, as a TP005 at the value.
    write(
        dir.path(),
        "tecton-preflight.toml",
        "sdk-version = \"1.10\"\n",
    );
    let (out, _, code) = run(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("tecton-preflight.toml:1:15: TP005")
            && out.contains("never released SDK 1.10"),
        "{out}"
    );
}

#[test]
fn every_format_counts_columns_in_characters() {
    let dir = tempdir();
    repo(dir.path(), "tecton~=1.2.0", "1.2.13");
    write(
        dir.path(),
        "features.py",
        "from tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[], mode=\"spark_sql\", online=True, timestamp_field=\"ts\", features=[],\n    description=\"ééééé 日本\", tecton_materialization_runtime=\"1.1.20\")\ndef user_spend(t):\n    return t\n",
    );
    let (concise, _, _) = run(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert!(concise.starts_with("features.py:4:60: TP202"), "{concise}");
    let (full, _, _) = run(preflight(dir.path()).args(["check", "--format", "full"]));
    assert!(full.contains("[features.py:4:60]"), "{full}");
    let report = json(preflight(dir.path()).arg("check"));
    assert_eq!(report["diagnostics"][0]["column"], 60, "{report}");
}

#[test]
fn nesting_past_what_python_compiles_is_tp001_in_every_file() {
    let dir = tempdir();
    repo(dir.path(), "tecton~=1.2.0", "1.2.13");
    // Files are parsed in parallel: each worker must have the stack for the deepest input the
    // pre-parse guard lets through (5,000 operators), and Python refuses them all.
    for (file, shape) in [
        ("a.py", format!("x = 1{}\n", " + 1".repeat(4_900))),
        (
            "b.py",
            format!("def f():\n    return 1{}\n", " - 1".repeat(4_900)),
        ),
        ("c.py", format!("x = {}1\n", "-".repeat(4_900))),
        (
            "d.py",
            format!("import os\nx = os{}\n", ".sep".repeat(3_000)),
        ),
    ] {
        write(dir.path(), file, &shape);
    }
    let (out, err, code) = run(preflight(dir.path()).args(["check", "--format", "concise"]));
    assert_eq!(code, 1, "{out}{err}");
    for file in ["a.py", "b.py", "c.py", "d.py"] {
        assert!(
            out.lines().any(|l| l.starts_with(file)
                && l.contains("TP001")
                && l.contains("RecursionError")),
            "{file}: {out}{err}"
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_that_cannot_be_written_is_said_on_stderr() {
    let dir = tempdir();
    repo(dir.path(), "tecton~=1.2.0", "1.1.20");
    for args in [
        &["check"][..],
        &["check", "--format", "json"][..],
        &["rule", "TP202"][..],
        &["rule"][..],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_tecton-preflight"))
            .args(args)
            .current_dir(dir.path())
            .env_remove("VIRTUAL_ENV")
            .stdout(full)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("error: cannot write the output to stdout: No space left on device"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn named_files_outside_every_feature_repository_are_not_all_checks_passed() {
    let dir = tempdir();
    repo(&dir.path().join("feature_repo"), "tecton~=1.2.0", "1.2.13");
    write(dir.path(), "tools/x.py", "x = 1\n");
    write(dir.path(), "setup.cfg", "[metadata]\nname = tools\n");
    for format in ["full", "concise"] {
        let (out, err, code) = run(preflight(dir.path()).args([
            "check",
            "tools/x.py",
            "setup.cfg",
            "--format",
            format,
        ]));
        assert_eq!(code, 0, "pre-commit must pass: {out}{err}");
        assert!(
            out.is_empty(),
            "nothing was checked, so nothing to sum up: {out}"
        );
        assert!(
            err.contains("nothing was checked: no named path is in a feature repository"),
            "{err}"
        );
    }
    // Machine formats still print their (empty) document.
    let report = json(preflight(dir.path()).args(["check", "tools/x.py"]));
    assert_eq!(report["summary"]["roots"], 0, "{report}");
    // One named file inside a repository: checked as usual, no note.
    let (out, err, code) =
        run(preflight(dir.path()).args(["check", "tools/x.py", "feature_repo/features.py"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("All checks passed in 1 root"), "{out}");
    assert!(!err.contains("nothing was checked"), "{err}");
}

/// A file whose name is not UTF-8 imports until it builds its first object: Tecton records each
/// object's file as UTF-8 text, and raises there (UnicodeEncodeError, as SDKs 0.8, 0.9 and 1.2 do).
/// An object its code has a factory of another file build is recorded in that file, and is fine.
#[cfg(target_os = "linux")]
#[test]
fn a_file_whose_name_is_not_utf8_fails_at_its_first_object() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempdir();
    let root = dir.path();
    write(root, ".tecton", "");
    write(root, "repo.yaml", "defaults: {}\n");
    write(
        root,
        "ok.py",
        "from tecton import Entity\nfrom tecton.types import Field, String\n\ndef make(n):\n    return Entity(name=n, join_keys=[Field(\"k\", String)])\n\nok = make(\"ok\")\n",
    );
    let odd = root.join(std::ffi::OsStr::from_bytes(b"caf\xe9.py"));
    std::fs::write(
        &odd,
        "from tecton import Entity\nfrom tecton.types import Field, String\nfrom ok import make\n\nmade = make(\"made\")\nbad = Entity(name=\"bad\", join_keys=[Field(\"k\", String)])\nlater = Entity(name=\"later\", join_keys=[Field(\"k\", String)])\n",
    )
    .expect("write");
    let (out, err, code) =
        run(preflight(root).args(["check", "--sdk-version", "1.2", "--format", "concise", "."]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(":6:7: TP001 Tecton cannot import this file: its path is not valid UTF-8"),
        "{out}"
    );
    assert_eq!(out.matches("TP001").count(), 1, "{out}");
    assert!(
        out.contains("(2 files, 2 objects)"),
        "`made` and `ok`\n{out}"
    );
}

/// A dangling link named on the command line (pre-commit passes one that was committed) is a file
/// Tecton collects and fails to import: its TP001, as the full check reports it, and nothing of
/// the other files; outside every repository, nothing is checked.
#[cfg(unix)]
#[test]
fn a_named_link_that_leads_nowhere_is_checked_as_the_file_it_is() {
    let dir = tempdir();
    let root = dir.path().join("repo");
    repo(&root, "tecton==1.2.13", "1.2.13");
    write(&root, "broken.py", "x = (\n");
    std::os::unix::fs::symlink("missing.py", root.join("gone.py")).expect("link");
    let (out, err, code) = run(preflight(&root).args(["check", "--format", "concise", "gone.py"]));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("gone.py:1:1: TP001 broken symlink"), "{out}");
    assert!(!out.contains("broken.py"), "{out}");
    let (full, _, _) = run(preflight(&root).args(["check", "--format", "concise", "."]));
    assert!(full.contains("gone.py:1:1: TP001 broken symlink"), "{full}");
    assert!(full.contains("broken.py"), "{full}");

    let outside = tempdir();
    std::os::unix::fs::symlink("missing.py", outside.path().join("gone.py")).expect("link");
    let (out, err, code) =
        run(preflight(outside.path()).args(["check", "--format", "json", "gone.py"]));
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("nothing was checked"), "{err}");
    let document: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(document["summary"]["roots"], 0);
}
