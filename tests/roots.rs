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

/// A stream view on Spark, materialized, with no runtime of its own: it follows `repo.yaml`.
const STREAM: &str = "from datetime import timedelta\n\nfrom tecton import Attribute, stream_feature_view\nfrom tecton.types import Float64\n\nfrom sources import clicks\nfrom entities import user\n\n\n@stream_feature_view(source=clicks, entities=[user], mode=\"spark_sql\", features=[Attribute(\"n\", Float64)], timestamp_field=\"ts\", online=True, offline=True)\ndef user_clicks(clicks):\n    return f\"SELECT user_id, n, ts FROM {clicks}\"\n";
const ENTITIES: &str = "from tecton import Entity\nfrom tecton.types import Field, String\n\nuser = Entity(name=\"user\", join_keys=[Field(\"user_id\", String)])\n";
const SOURCES: &str = "from datetime import timedelta\n\nfrom tecton import HiveConfig, KinesisConfig, StreamSource\n\nclicks = StreamSource(name=\"clicks\", stream_config=KinesisConfig(stream_name=\"c\", region=\"us-west-2\", initial_stream_position=\"latest\", watermark_delay_threshold=timedelta(hours=1), timestamp_field=\"ts\", post_processor=None), batch_config=HiveConfig(database=\"d\", table=\"t\", timestamp_field=\"ts\"))\n";

/// A feature repository in `dir` without `.tecton` or `repo.yaml`, its modules importing each
/// other relative to it.
fn unmarked_root(dir: &Path) {
    write(&dir.join("entities.py"), ENTITIES);
    write(&dir.join("sources.py"), SOURCES);
    write(&dir.join("features/user_clicks.py"), STREAM);
}

fn commit(dir: &Path, message: &str) {
    assert!(git(dir, &["add", "-A"]), "git add");
    assert!(git(dir, &["commit", "-q", "-m", message]), "git commit");
}

#[test]
fn the_sample_repository_layout_is_checked_as_tecton_init_would_set_it_up() {
    let tmp = tempdir();
    let top = tmp.path().join("sample");
    write(&top.join(".gitignore"), ".tecton\nrepo.yaml\n");
    write(&top.join("requirements.txt"), "tecton[pyspark]~=1.2.0\n");
    unmarked_root(&top.join("spark"));
    unmarked_root(&top.join("rift"));
    if !git(&top, &["init", "-q"]) {
        return;
    }
    // Named: the directory is the root, with SDK 1.2.13's starter repo.yaml.
    let (out, code) = run(&top, &["check", "--format", "json", "spark"]);
    assert_eq!(code, 0, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["roots"].as_array().map(Vec::len), Some(1), "{json}");
    let view = json["roots"][0]["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .find(|o| o["name"] == "user_clicks")
        .expect("the stream view");
    assert_eq!(
        view["runtime"],
        serde_json::json!({"value": "1.2.13", "origin": "repo_config"})
    );
    let note = &json["diagnostics"][0];
    assert_eq!(note["code"], "TP004");
    assert_eq!(note["severity"], "info", "git-ignored: on purpose");
    assert_eq!(
        note["file"], "requirements.txt",
        "at the pin the starter follows"
    );
    let message = note["message"].as_str().expect("message");
    assert!(
        message.contains("starter repo.yaml of SDK 1.2.13 (tecton_materialization_runtime 1.2.13, environment tecton-core-1.2.0)"),
        "{message}"
    );
    assert!(
        note["help"]
            .as_str()
            .is_some_and(|h| h.contains("restarts every Spark stream view")),
        "{note}"
    );
    // From the top: two roots, not one holding both copies.
    let (out, code) = run(&top, &["check", "--format", "concise"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("in 2 roots"), "{out}");
    assert!(!out.contains("TP003"), "{out}");
}

#[test]
fn without_ignore_rules_a_missing_marker_is_an_error_in_git_and_a_warning_outside() {
    let tmp = tempdir();
    let top = tmp.path().join("repo");
    write(&top.join("requirements.txt"), "tecton[pyspark]~=1.2.0\n");
    unmarked_root(&top.join("spark"));
    // Outside git the pin is found up to the directory named: the top.
    let (out, code) = run(&top, &["check", "--format", "concise", "."]);
    assert_eq!(code, 0, "outside git: {out}");
    assert!(
        out.contains("TP004") && out.contains("outside git"),
        "{out}"
    );
    assert!(out.contains("1 warning"), "{out}");
    if !git(&top, &["init", "-q"]) {
        return;
    }
    let (out, code) = run(&top, &["check", "--format", "concise", "spark"]);
    assert_eq!(
        code, 1,
        "in git, not ignored: a fresh clone has no root: {out}"
    );
    assert!(out.contains("git does not ignore it"), "{out}");
}

#[test]
fn without_a_marker_or_a_pin_there_is_nothing_tecton_init_would_tell() {
    let tmp = tempdir();
    let top = tmp.path().join("repo");
    unmarked_root(&top);
    let (out, code) = run(&top, &["check", "--format", "concise"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("TP004 no feature repository root:") && out.contains("no `tecton` pin"),
        "{out}"
    );
    assert!(out.contains("in 0 roots"), "{out}");
    // The SDK given on the command line says it.
    let (out, code) = run(
        &top,
        &["check", "--format", "concise", "--sdk-version", "1.1"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("starter repo.yaml of SDK 1.1.20"), "{out}");
}

#[test]
fn a_plan_across_an_sdk_bump_uses_each_sides_starter() {
    // "Tecton 1.2 update" in the sample repository: the pin moves from 1.1 to 1.2, and with it the
    // repo.yaml that CI's `tecton init` writes.
    let tmp = tempdir();
    let top = tmp.path().join("sample");
    write(&top.join(".gitignore"), ".tecton\nrepo.yaml\n");
    write(&top.join("requirements.txt"), "tecton[pyspark]~=1.1.0\n");
    unmarked_root(&top.join("spark"));
    if !git(&top, &["init", "-q"]) {
        return;
    }
    commit(&top, "1.1");
    write(&top.join("requirements.txt"), "tecton[pyspark]~=1.2.0\n");
    let (out, code) = run(&top, &["plan"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("~ Update SDK Version"), "{out}");
    assert!(
        out.contains("tecton_materialization_runtime: 1.1.20 -> 1.2.13  (from repo.yaml)"),
        "{out}"
    );
    assert!(out.contains("blue-green restart"), "{out}");
    assert!(
        out.contains("note: in the base, spark has no `.tecton` and no `repo.yaml`")
            && out.contains("starter repo.yaml of SDK 1.1.20"),
        "{out}"
    );
    assert!(out.contains("note: in the working tree, spark"), "{out}");
}

#[test]
fn a_plan_across_the_removal_of_the_marker_deletes_nothing() {
    // "Update repo for 1.1" in the sample repository: `.tecton` and `repo.yaml` leave git.
    let tmp = tempdir();
    let top = tmp.path().join("sample");
    write(&top.join("requirements.txt"), "tecton[pyspark]~=1.0.0\n");
    unmarked_root(&top);
    write(&top.join(".tecton"), "");
    write(
        &top.join("repo.yaml"),
        "defaults:\n  stream_feature_view:\n    tecton_materialization_runtime: 1.0.0\n",
    );
    if !git(&top, &["init", "-q"]) {
        return;
    }
    commit(&top, "1.0");
    std::fs::remove_file(top.join(".tecton")).expect("rm");
    std::fs::remove_file(top.join("repo.yaml")).expect("rm");
    write(&top.join(".gitignore"), ".tecton\nrepo.yaml\n");
    let (out, code) = run(&top, &["plan"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("- Delete"), "{out}");
    assert!(
        out.contains("tecton_materialization_runtime: 1.0.0 -> 1.0.42  (from repo.yaml)"),
        "{out}"
    );
    assert!(out.contains("Plan: 0 to create, 1 to update"), "{out}");
}

#[test]
fn a_committed_repo_yaml_with_an_ignored_marker_is_a_note() {
    let tmp = tempdir();
    let top = tmp.path().join("repo");
    write(&top.join(".gitignore"), ".tecton\n");
    write(&top.join("requirements.txt"), "tecton[pyspark]~=1.2.0\n");
    unmarked_root(&top.join("features"));
    write(
        &top.join("features/repo.yaml"),
        "defaults:\n  stream_feature_view:\n    tecton_materialization_runtime: \"1.2.13\"\n",
    );
    if !git(&top, &["init", "-q"]) {
        return;
    }
    let (out, code) = run(&top, &["check", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let note = &json["diagnostics"][0];
    assert_eq!(note["code"], "TP004", "{json}");
    assert_eq!(note["severity"], "info");
    assert_eq!(note["file"], "features/repo.yaml");
    assert!(
        note["message"]
            .as_str()
            .is_some_and(|m| m.contains("keeps the repo config")),
        "{note}"
    );
    assert_eq!(
        json["roots"][0]["objects"][1]["runtime"]["value"], "1.2.13",
        "{json}"
    );
}
