//! `upgrade`: the path from one SDK to another, run as a team would: `--fix` again and again on a
//! copy of a test repository, with `check` on every tree a step writes. The trees were confirmed
//! with the real SDKs (1.1.20 and 1.2.13 import each with the same 26 objects).

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("test_repos")
        .join(name)
}

/// A copy of a fixture in a fresh temporary directory (not below a hidden one).
fn copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("upgrade-test-")
        .tempdir()
        .expect("a temporary directory");
    let to = dir.path().join(name);
    copy_dir(&fixture(name), &to);
    (dir, to)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

fn run(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let output = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"))
        .args(args)
        .current_dir(dir)
        .env_remove("VIRTUAL_ENV")
        .env("HOME", std::env::temp_dir())
        .env("TECTON_PREFLIGHT_TODAY", "2026-11-24")
        .env("NO_COLOR", "1")
        .env("TECTON_REPO_IGNORE_ALL_HIDDEN_DIRS", "false")
        .output()
        .expect("the binary runs");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("readable")
}

/// Every file of a tree, relative path -> text.
fn snapshot(root: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text =
                    String::from_utf8_lossy(&std::fs::read(&path).expect("read")).into_owned();
                out.push((path.strip_prefix(root).expect("below").to_path_buf(), text));
            }
        }
    }
    out.sort();
    out
}

/// Lines that differ between two versions of a file (same line count expected).
fn changed_lines(before: &str, after: &str) -> Vec<(String, String)> {
    assert_eq!(
        before.lines().count(),
        after.lines().count(),
        "an edit added or removed lines"
    );
    before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn fix_runs_step_by_step_to_the_target_and_then_changes_nothing() {
    let (_dir, repo) = copy("upgrade_sdk11");
    let start = snapshot(&repo);

    // Step 1, on SDK 1.1: runtimes and what both SDKs accept; the pin stays.
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 1, "a step remains\n{out}{err}");
    assert!(out.contains("Wrote the step to"), "{out}");
    assert!(
        read(&repo.join("requirements.txt")).contains("~=1.1.0"),
        "the pin moves only in step 2"
    );
    let (check, _, code) = run(&repo, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 0, "the tree step 1 writes passes on SDK 1.1\n{check}");
    let yaml = read(&repo.join("repo.yaml"));
    assert!(
        yaml.contains("tecton_materialization_runtime: \"1.2.13\"\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("tecton_materialization_runtime: '1.2.13'   # every streaming job\n"),
        "quotes and comments are kept\n{yaml}"
    );
    assert!(
        yaml.contains("tecton_materialization_runtime: 1.2.13\n"),
        "{yaml}"
    );
    assert!(
        yaml.contains("    realtime_environment: tecton-python-extended:0.5\n"),
        "{yaml}"
    );
    assert!(
        yaml.starts_with("# Defaults for the mobility repository.\n"),
        "{yaml}"
    );
    let service = read(&repo.join("feature_services/dispatch.py"));
    assert!(
        service.contains("realtime_environment=\"tecton-python-extended:0.6\""),
        "{service}"
    );

    // Step 2: the pin.
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 0, "nothing remains after step 2\n{out}{err}");
    assert_eq!(
        read(&repo.join("requirements.txt")),
        "tecton[pyspark]~=1.2.0  # the SDK CI installs\n"
    );
    let (check, _, code) = run(&repo, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 0, "the final tree passes on SDK 1.2\n{check}");
    assert!(
        check.contains("with SDK 1.2 (from requirements.txt)"),
        "{check}"
    );

    // Idempotent: a further run writes nothing and says so.
    let before = snapshot(&repo);
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("Every root is at SDK 1.2: nothing remains."),
        "{out}"
    );
    assert_eq!(before, snapshot(&repo));

    // Every changed line is one the steps named: runtimes, environments, the renamed keyword and
    // key, and the pin; every other byte is as it was.
    let end = snapshot(&repo);
    let mut changed = 0;
    for ((path, old), (_, new)) in start.iter().zip(&end) {
        for (a, b) in changed_lines(old, new) {
            changed += 1;
            let named = [
                "tecton_materialization_runtime",
                "environment",
                "tecton[pyspark]",
            ]
            .iter()
            .any(|k| a.contains(k) && b.contains(k));
            assert!(
                named,
                "{}: unexpected change `{a}` -> `{b}`",
                path.display()
            );
        }
    }
    assert_eq!(
        changed, 11,
        "runtimes (5), environments (3), keyword and key (2), pin (1)"
    );
}

#[test]
fn the_first_step_restarts_exactly_the_materialized_spark_stream_views() {
    let (_dir, repo) = copy("upgrade_sdk11");
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--format", "json"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(doc["schema"], "tecton-preflight/upgrade/v1");
    let steps = &doc["roots"][0]["steps"];
    assert_eq!(steps.as_array().map(Vec::len), Some(2));
    assert_eq!(steps[0]["step"], "runtimes");
    assert_eq!(steps[1]["step"], "sdk_bump");
    let restarts: Vec<&str> = steps[0]["stream_restarts"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    // The check of the same tree lists the stream views that are materialized on Spark.
    let (check, _, _) = run(&repo, &["check", ".", "--format", "json"]);
    let check: serde_json::Value = serde_json::from_str(&check).expect("json");
    let mut expected: Vec<&str> = check["roots"][0]["objects"]
        .as_array()
        .expect("objects")
        .iter()
        .filter(|o| {
            o["kind"] == "stream_feature_view"
                && o["compute"] == "spark"
                && o["materialized"] == true
        })
        .filter_map(|o| o["name"].as_str())
        .collect();
    expected.sort();
    assert_eq!(restarts, expected);
    assert!(!restarts.is_empty());
}

#[test]
fn diff_prints_the_first_step_and_writes_nothing() {
    let (_dir, repo) = copy("upgrade_sdk11");
    let before = snapshot(&repo);
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--diff"]);
    assert_eq!(code, 1);
    assert!(out.contains("--- a/repo.yaml\n+++ b/repo.yaml\n"), "{out}");
    assert!(out.contains("-    tecton_materialization_runtime: \"1.1.20\"\n+    tecton_materialization_runtime: \"1.2.13\"\n"), "{out}");
    assert!(
        !out.contains("requirements.txt"),
        "the pin is step 2\n{out}"
    );
    assert_eq!(before, snapshot(&repo));
}

#[test]
fn a_change_that_needs_a_person_stops_the_upgrade_before_the_pin_moves() {
    let (_dir, repo) = copy("upgrade_blocked_sdk11");
    // Step 1 is still safe to write.
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Wrote the step to"), "{out}");
    let before = snapshot(&repo);
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("Wrote"), "{out}");
    assert!(
        out.contains("features/batch_features.py:26:82: TP308"),
        "the file and line are named\n{out}"
    );
    assert!(out.contains("needs a person"), "{out}");
    assert_eq!(before, snapshot(&repo), "nothing is written");
    assert!(read(&repo.join("requirements.txt")).contains("~=1.1.0"));
}

#[test]
fn targets_that_cannot_be_reached_are_refused_and_nothing_is_written() {
    let (_dir, repo) = copy("upgrade_sdk11");
    let (_, err, code) = run(&repo, &["upgrade", "--to", "1.3", ".", "--fix"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no final release"), "{err}");
    let (_, err, code) = run(&repo, &["upgrade", "--to", "9.9", "."]);
    assert_eq!(code, 2, "{err}");
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.0", "."]);
    assert_eq!(code, 1, "a target below the SDK is refused\n{out}");
    assert!(out.contains("never downgrades"), "{out}");
    assert_eq!(snapshot(&repo), snapshot(&fixture("upgrade_sdk11")));
}

#[test]
fn every_migration_rule_has_documentation() {
    for code in [
        "TP301", "TP302", "TP303", "TP304", "TP305", "TP306", "TP307", "TP308",
    ] {
        let (out, _, status) = run(Path::new(env!("CARGO_MANIFEST_DIR")), &["rule", code]);
        assert_eq!(status, 0, "{code}");
        for section in [
            "### What it does",
            "### Why is this bad?",
            "### Example",
            "### Use instead",
        ] {
            assert!(out.contains(section), "{code} lacks {section}");
        }
    }
}

#[test]
fn a_runtime_set_by_a_constant_in_another_module_is_edited_where_it_is_written() {
    let (_dir, repo) = copy("constant_in_another_module");
    std::fs::write(repo.join("requirements.txt"), "tecton~=1.1.0\n").expect("write");
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.2", "."]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("common/versions.py:4:11: TP301 [*] tecton_materialization_runtime \"1.1.5\" -> \"1.2.13\""), "{out}");
    assert!(
        out.contains("4 views and tables update in place"),
        "the views that use the constant\n{out}"
    );
    let (_, _, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 1);
    let versions = read(&repo.join("common/versions.py"));
    assert!(versions.contains("RUNTIME = \"1.2.13\"\n"), "{versions}");
}

#[test]
fn from_07_the_renames_come_first_and_the_bump_writes_the_repo_config_08_needs() {
    let (_dir, repo) = copy("upgrade_sdk07");
    let start = snapshot(&repo);
    let mut written = Vec::new();
    for _ in 0..6 {
        let (out, err, code) = run(&repo, &["upgrade", "--to", "0.9", ".", "--fix"]);
        assert_ne!(code, 2, "{out}{err}");
        let (check, _, status) = run(&repo, &["check", ".", "--format", "concise"]);
        assert_eq!(
            status, 0,
            "every tree a step writes passes `check`\n{out}\n{check}"
        );
        written.push(out.clone());
        if code == 0 {
            break;
        }
    }
    assert_eq!(written.len(), 4, "four steps: {written:#?}");
    assert!(
        written[0].contains("features/batch_features.py, features/stream_features.py"),
        "{}",
        written[0]
    );
    let stream = read(&repo.join("features/stream_features.py"));
    assert!(
        stream.contains("from tecton import Aggregation, StreamProcessingMode, FilteredSource"),
        "{stream}"
    );
    assert!(
        stream.contains("stream_processing_mode=StreamProcessingMode.CONTINUOUS,"),
        "{stream}"
    );
    let batch = read(&repo.join("features/batch_features.py"));
    assert!(
        batch.contains("    max_backfill_interval=timedelta(days=10),\n"),
        "{batch}"
    );
    let yaml = read(&repo.join("repo.yaml"));
    assert_eq!(
        yaml.matches("tecton_materialization_runtime: \"0.9.25\"")
            .count(),
        3,
        "{yaml}"
    );
    assert_eq!(
        yaml.matches("kind: ParquetConfig").count(),
        2,
        "batch and stream views keep Parquet\n{yaml}"
    );
    assert_eq!(
        read(&repo.join("requirements.txt")),
        "# The SDK the feature repository is applied with.\ntecton[pyspark]==0.9.25\n"
    );
    // Only the named lines changed in the files that existed.
    for ((path, old), (_, new)) in start.iter().zip(
        snapshot(&repo)
            .iter()
            .filter(|(p, _)| p != Path::new("repo.yaml")),
    ) {
        assert!(changed_lines(old, new).len() <= 2, "{}", path.display());
    }
}

#[test]
fn a_pin_shared_by_two_roots_moves_once_and_only_after_both_first_steps() {
    // An unpacked archive: `requirements.txt` above two roots, no git.
    let dir = tempfile::Builder::new()
        .prefix("upgrade-shared-")
        .tempdir()
        .expect("a temporary directory");
    let top = dir.path();
    copy_dir(&fixture("upgrade_sdk11"), &top.join("a"));
    copy_dir(&fixture("upgrade_sdk11"), &top.join("b"));
    std::fs::rename(top.join("a/requirements.txt"), top.join("requirements.txt")).expect("move");
    std::fs::remove_file(top.join("b/requirements.txt")).expect("remove");

    let (out, _, code) = run(top, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Wrote the step of a to"), "{out}");
    assert!(out.contains("Wrote the step of b to"), "{out}");
    assert!(read(&top.join("requirements.txt")).contains("~=1.1.0"));

    // `b` gets a step 1 again (an edit after the first run): `a`'s bump waits for it.
    let service = top.join("b/feature_services/dispatch.py");
    let text = read(&service).replace("realtime_environment=", "on_demand_environment=");
    std::fs::write(&service, text).expect("write");
    let (out, _, code) = run(top, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("Wrote the step of b to b/feature_services/dispatch.py."),
        "{out}"
    );
    assert!(
        !out.contains("requirements.txt."),
        "the shared pin waits\n{out}"
    );
    assert!(read(&top.join("requirements.txt")).contains("~=1.1.0"));

    // Both at the bump: the pin moves once, for both.
    let (out, err, code) = run(top, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        read(&top.join("requirements.txt")),
        "tecton[pyspark]~=1.2.0  # the SDK CI installs\n"
    );
    let (check, _, code) = run(top, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 0, "{check}");
}

#[test]
fn check_points_a_name_the_pinned_sdk_removed_at_its_migration() {
    let repo = fixture("tp001_removed_in_08");
    let (out, _, code) = run(&repo, &["check", ".", "--format", "json"]);
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let helps: Vec<&str> = doc["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "TP001")
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert_eq!(helps.len(), 2, "{out}");
    assert!(
        helps
            .iter()
            .any(|h| h.contains("`StreamProcessingMode` replaced it in SDK 0.8 (migration TP303")),
        "{helps:?}"
    );
    assert!(helps.iter().any(|h| h.contains("`max_backfill_interval=` replaced it in SDK 0.8 (migration TP304")), "{helps:?}");
}

#[test]
fn from_08_rift_cluster_configs_are_renamed_with_the_bump_and_imports_bridge_to_v09_compat() {
    let (_dir, repo) = copy("upgrade_sdk08_rift");
    for expected in [1, 1, 1, 0] {
        let (out, err, code) = run(&repo, &["upgrade", "--to", "1.0", ".", "--fix"]);
        assert_eq!(code, expected, "{out}{err}");
        assert!(out.contains("Wrote the step to"), "{out}");
        let (check, _, status) = run(&repo, &["check", ".", "--format", "concise"]);
        assert_eq!(status, 0, "{out}\n{check}");
    }
    let rift = read(&repo.join("features/rift_features.py"));
    assert!(
        rift.contains("from tecton.v09_compat import RiftBatchConfig, batch_feature_view\n"),
        "{rift}"
    );
    assert!(
        rift.contains("LARGE = RiftBatchConfig(instance_type=\"m5.2xlarge\")\n"),
        "{rift}"
    );
    let yaml = read(&repo.join("repo.yaml"));
    assert!(yaml.contains("      kind: RiftBatchConfig\n"), "{yaml}");
    assert_eq!(
        yaml.matches("tecton_materialization_runtime: 1.0.42\n")
            .count(),
        3,
        "{yaml}"
    );
    assert_eq!(
        read(&repo.join("requirements.txt")),
        "tecton[pyspark]~=1.0.0\n"
    );
}

#[test]
fn a_materialized_rift_view_without_an_environment_stops_the_bump_to_09() {
    let (_dir, repo) = copy("upgrade_sdk08_rift");
    // Without its own Spark cluster, the pandas view runs on the repo.yaml Rift default.
    let file = repo.join("features/batch_features.py");
    let text = read(&file).replace(
        "    batch_compute=DatabricksClusterConfig(instance_type=\"m5.xlarge\"),\n",
        "",
    );
    std::fs::write(&file, text).expect("write");
    let (out, _, code) = run(&repo, &["upgrade", "--to", "0.9", "."]);
    assert_eq!(code, 1);
    assert!(
        out.contains("TP301 `merchant_name_length` runs on Rift and is materialized: SDK 0.9 requires an `environment` for it"),
        "{out}"
    );
    assert!(
        out.contains("Step 2, the bump to SDK 0.9   (needs a person"),
        "{out}"
    );
}
