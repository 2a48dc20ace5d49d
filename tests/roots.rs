//! Where roots and their SDK pins are found when the layout is not the plain one: repositories
//! outside git (an unpacked archive, a CI workspace without `.git`), and directories that
//! `tecton init` has not been run in (Tecton's sample repository git-ignores `.tecton` and
//! `repo.yaml`, and its CI writes them).

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

fn run(dir: &Path, args: &[&str]) -> (String, i32) {
    let output = preflight(dir).args(args).output().expect("runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("preflight-roots-")
        .tempdir()
        .expect("tempdir")
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

fn git(dir: &Path, args: &[&str]) -> bool {
    std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .output()
        .is_ok_and(|o| o.status.success())
}

const VIEW: &str = "from tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[], mode=\"spark_sql\", online=True, timestamp_field=\"ts\", features=[])\ndef user_spend(t):\n    return t\n";

/// A root with its marker and repo config, and no pin of its own.
fn marked_root(dir: &Path) {
    write(&dir.join(".tecton"), "");
    write(
        &dir.join("repo.yaml"),
        "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"1.2.13\"\n",
    );
    write(&dir.join("features.py"), VIEW);
}

#[test]
fn outside_git_pins_are_found_up_to_the_named_directory() {
    let tmp = tempdir();
    let top = tmp.path().join("archive");
    write(&top.join("requirements.txt"), "tecton[pyspark]~=1.2.0\n");
    marked_root(&top.join("spark"));
    marked_root(&top.join("rift"));
    let (out, code) = run(&top, &["check", "--format", "concise", "."]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Checked rift with SDK 1.2 (from requirements.txt).")
            && out.contains("Checked spark with SDK 1.2 (from requirements.txt)."),
        "{out}"
    );
    assert!(!out.contains("TP208"), "{out}");

    // Named alone, a root outside git reads only its own pins: the archive's top is not named.
    let (out, _) = run(&top, &["check", "--format", "concise", "spark"]);
    assert!(out.contains("TP208"), "{out}");
    // Nor does a file named inside the root look above it.
    let (out, _) = run(&top, &["check", "--format", "concise", "spark/features.py"]);
    assert!(out.contains("SDK version unknown"), "{out}");
}

#[test]
fn in_git_pins_are_found_up_to_the_top_level_whatever_is_named() {
    let tmp = tempdir();
    let top = tmp.path().join("checkout");
    write(&top.join("requirements.txt"), "tecton[pyspark]~=1.2.0\n");
    marked_root(&top.join("spark"));
    if !git(&top, &["init", "-q"]) {
        return; // no git on this machine: nothing to test
    }
    let (out, code) = run(&top.join("spark"), &["check", "--format", "concise"]);
    assert_eq!(code, 0, "{out}");
    let pin = std::fs::canonicalize(top.join("requirements.txt")).expect("pin");
    assert!(
        out.contains(&format!("Checked . with SDK 1.2 (from {}).", pin.display())),
        "{out}"
    );
}
