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
    snapshot_bytes(root)
        .into_iter()
        .map(|(path, bytes)| (path, String::from_utf8_lossy(&bytes).into_owned()))
        .collect()
}

/// Every file of a tree, relative path -> bytes.
fn snapshot_bytes(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).expect("below").to_path_buf();
                files.push((rel, std::fs::read(&path).expect("readable")));
            }
        }
    }
    files.sort();
    files
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

/// Links inside a root stay links in the copy the steps are worked out on: a folder link that
/// leads back above the root is not walked (Tecton's walk does not enter it), and a module linked
/// under a second name is one file, written once through its link.
#[cfg(unix)]
#[test]
fn links_in_the_root_are_walked_as_tecton_walks_them_when_the_steps_are_worked_out() {
    let (_dir, repo) = copy("rift_stream_view_environment_sdk11");
    std::os::unix::fs::symlink("..", repo.join("up")).expect("a folder link");
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--diff"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("--- a/explicit.py\n"), "{out}");
    assert!(!out.contains("up/"), "the folder link is walked\n{out}");
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        read(&repo.join("explicit.py")).contains("tecton-core-1.2.0"),
        "{out}"
    );
    assert!(std::fs::symlink_metadata(repo.join("up"))
        .expect("the link")
        .file_type()
        .is_symlink());

    let (_dir, repo) = copy("upgrade_sdk07_clusters");
    let features = repo.join("features");
    std::os::unix::fs::symlink("batch.py", features.join("linked.py")).expect("a file link");
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(!err.contains("not written"), "{err}");
    assert!(out.contains("Wrote the step to"), "{out}");
    assert!(std::fs::symlink_metadata(features.join("linked.py"))
        .expect("the link")
        .file_type()
        .is_symlink());
    assert_eq!(
        read(&features.join("linked.py")),
        read(&features.join("batch.py"))
    );
}

/// A step's edits land on the bytes on disk, as `check --fix`'s do: after a UTF-8 byte order
/// mark, in a file declared latin-1 that is ASCII; a latin-1 file with other bytes is left to a
/// person, and a file Python cannot read (not UTF-8) is not edited at all.
#[test]
fn edits_land_on_the_bytes_on_disk_whatever_the_encoding() {
    let bytes = |path: &Path| std::fs::read(path).expect("readable");
    let (_dir, repo) = copy("tp202_quiet_sdk09_runtime10");
    let entities = repo.join("entities.py");
    let sources = repo.join("data_sources.py");
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), &bytes(&entities)].concat();
    std::fs::write(&entities, &with_bom).expect("write");
    let latin = [b"# -*- coding: latin-1 -*-\n".as_slice(), &bytes(&sources)].concat();
    std::fs::write(&sources, &latin).expect("write");
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.0", "."]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("entities.py:1:6: TP306 [*]"), "{out}");
    assert!(out.contains("data_sources.py:2:6: TP306 [*]"), "{out}");
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.0", ".", "--diff"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains(
            "-\u{feff}from tecton import Entity\n+\u{feff}from tecton.v09_compat import Entity\n"
        ),
        "{out}"
    );
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.0", ".", "--fix"]);
    assert_eq!(code, 0, "{out}{err}");
    let expected = |before: &[u8], from: &str, to: &str| {
        String::from_utf8_lossy(before)
            .replacen(from, to, 1)
            .into_bytes()
    };
    assert_eq!(
        bytes(&entities),
        expected(
            &with_bom,
            "from tecton import Entity",
            "from tecton.v09_compat import Entity"
        )
    );
    assert_eq!(
        bytes(&sources),
        expected(
            &latin,
            "from tecton import",
            "from tecton.v09_compat import"
        )
    );

    let (_dir, repo) = copy("tp202_quiet_sdk09_runtime10");
    let sources = repo.join("data_sources.py");
    let latin = [
        b"# -*- coding: latin-1 -*-\n# caf\xE9\n".as_slice(),
        &bytes(&sources),
    ]
    .concat();
    std::fs::write(&sources, &latin).expect("write");
    let before = snapshot_bytes(&repo);
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.0", ".", "--fix"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("needs a person: `data_sources.py` is not saved as UTF-8"),
        "{out}"
    );
    assert_eq!(before, snapshot_bytes(&repo), "nothing is written");

    let (_dir, repo) = copy("tp202_quiet_sdk09_runtime10");
    let sources = repo.join("data_sources.py");
    let broken = [bytes(&sources).as_slice(), b"# caf\xE9\n"].concat();
    std::fs::write(&sources, &broken).expect("write");
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.0", "."]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(!out.contains("data_sources.py:1:6: TP306"), "{out}");
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.0", ".", "--fix"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        bytes(&sources),
        broken,
        "a file Python cannot read is not edited"
    );
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
fn the_bridge_read_through_import_tecton_exists_once_any_file_imports_it() {
    // `sdk10_v09_compat_attribute`: no file imports `tecton.v09_compat`, and SDK 1.0.42 fails
    // `tecton.v09_compat.Entity` after `import tecton` (its `expected.out` holds the TP001).
    // Once a file imports the module, Tecton may import that file first (its order is the
    // filesystem's): the attribute is not reported.
    for bridge in [
        "from tecton.v09_compat import Entity\n\nbrand = Entity(name=\"brand\", join_keys=[\"brand_id\"])\n",
        "import tecton.v09_compat as v09\n\nbrand = v09.Entity(name=\"brand\", join_keys=[\"brand_id\"])\n",
        "def later():\n    import tecton.v09_compat\n",
    ] {
        let (_dir, repo) = copy("sdk10_v09_compat_attribute");
        let (out, _, code) = run(&repo, &["check", ".", "--format", "concise"]);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("attribute.py:4:9: TP001"), "{out}");
        std::fs::write(repo.join("bridge.py"), bridge).expect("write");
        let (out, _, code) = run(&repo, &["check", ".", "--format", "concise"]);
        assert_eq!(code, 0, "{bridge}\n{out}");
        assert!(!out.contains("TP001"), "{out}");
    }
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
    // The `*_MODE` constants moved to `tecton` (step 1), then across the bridge with the rest.
    assert!(
        rift.contains("from tecton.v09_compat import PANDAS_MODE\n"),
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
        out.contains("TP301 `merchant_name_length` runs on Rift and is materialized: from 0.9 Tecton requires an `environment` for it (SDK 0.9 imports the view without one; Tecton's 0.8 to 0.9 guide requires one, and `check` reports it as TP206)"),
        "{out}"
    );
    assert!(
        out.contains("Step 2, the bump to SDK 0.9   (needs a person"),
        "{out}"
    );
}

/// Every Python file of a tree, concatenated (relative path, then text).
fn python_text(root: &Path) -> String {
    snapshot(root)
        .into_iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "py"))
        .map(|(p, t)| format!("# {}\n{t}", p.display()))
        .collect()
}

#[test]
fn the_native_rewrite_is_step_1_of_the_hop_to_11_and_each_tree_passes_check() {
    let (_dir, repo) = copy("upgrade_sdk10_compat");
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.1", "."]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "features/batch_features.py:11:2: TP307 [*] `user_spend` moves from `tecton.v09_compat` to the 1.0 API"
        ),
        "{out}"
    );
    assert!(!out.contains("needs a person"), "{out}");

    // Step 1, on SDK 1.0: the rewrite (and the runtimes); the pin stays.
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.1", ".", "--fix"]);
    assert_eq!(code, 1, "a step remains\n{out}{err}");
    assert!(read(&repo.join("requirements.txt")).contains("~=1.0.0"));
    let (check, _, code) = run(&repo, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 0, "the rewritten tree passes on SDK 1.0\n{check}");
    assert!(check.contains("24 objects"), "the same objects\n{check}");
    let code_text = python_text(&repo);
    assert!(!code_text.contains("v09_compat"), "{code_text}");
    for expected in [
        // Imports, with the renames and what the rewrite writes.
        "from tecton import BatchSource, HiveConfig, KinesisConfig, StreamSource, PushConfig\n",
        "from tecton import Entity\nfrom tecton.types import Field, String\n",
        "from tecton import RequestSource, realtime_feature_view, Attribute\n",
        // A push source is a stream source with a push config.
        "score_push = StreamSource(\n    name=\"score_push\",\n    schema=[Field(\"user_id\", String), Field(\"timestamp\", Timestamp), Field(\"score\", Float64)],\n    stream_config=PushConfig(),\n)",
        // Typed join keys, the type read from the views' schemas.
        "join_keys=[Field(\"user_id\", String)]",
        "merchant = Entity(name=\"merchant\", join_keys=[Field(\"merchant_id\", String)])",
        // Aggregations, with the column type from schema=; the function and name as written.
        "        Aggregate(input_column=Field(\"amount\", Float64), function=\"count\", time_window=timedelta(days=30), name=\"txn_count_30d\"),\n",
        "Aggregate(input_column=Field(\"merchant_id\", String), function=last_distinct(3), time_window=timedelta(days=7))",
        // schema= becomes features= without the join keys and the timestamp.
        "    features=[Attribute(\"avg_amount\", Float64)],\n",
        "    features=[\n        Attribute(\"txn_count_3d\", Int64),\n    ],\n",
        "    timestamp_field=\"timestamp\",\n)\ndef merchant_avg_amount",
        // Sources keep their filter.
        "sources=[transactions_batch],\n",
        "sources=[transactions_batch.unfiltered()],\n",
        "sources=[transactions_batch.select_range(start_time=TectonTimeConstant.MATERIALIZATION_START_TIME + timedelta(days=-2), end_time=TectonTimeConstant.MATERIALIZATION_END_TIME)],\n",
        "sources=[transactions_stream.select_range(start_time=TectonTimeConstant.MATERIALIZATION_START_TIME, end_time=TectonTimeConstant.MATERIALIZATION_END_TIME)],\n",
        "source=transactions_stream,\n",
        "    aggregation_leading_edge=AggregationLeadingEdge.LATEST_EVENT_TIME,\n)\ndef user_max_amount_1h",
        // Positional arguments in the 0.9 order become keywords (`Aggregate` orders them otherwise).
        "features=[Aggregate(input_column=Field(\"amount\", Float64), function=\"max\", time_window=timedelta(hours=1), description=\"the largest amount in the hour\")],",
        "    timestamp_field=\"timestamp\",\n    aggregation_leading_edge=AggregationLeadingEdge.LATEST_EVENT_TIME,\n)\n",
        "@realtime_feature_view(\n",
        "    features=[Attribute(\"amount_is_large\", Bool)],\n",
        // Left alone: rewriting it changes the pipeline (a recreate).
        "def user_recent_count(transactions, context=materialization_context()):",
    ] {
        assert!(code_text.contains(expected), "missing {expected:?}\n{code_text}");
    }

    // Step 2: the pin; the tree passes on SDK 1.1.
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.1", ".", "--fix"]);
    assert_eq!(code, 0, "nothing remains\n{out}{err}");
    assert_eq!(
        read(&repo.join("requirements.txt")),
        "tecton[pyspark]~=1.1.0\n"
    );
    let (check, _, code) = run(&repo, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 0, "the final tree passes on SDK 1.1\n{check}");
    assert!(
        check.contains("with SDK 1.1") && check.contains("24 objects"),
        "{check}"
    );

    // Idempotent.
    let before = snapshot(&repo);
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.1", ".", "--fix"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(before, snapshot(&repo));
}

#[test]
fn the_native_rewrite_diff_shows_the_rewrite_and_writes_nothing() {
    let (_dir, repo) = copy("upgrade_sdk10_compat");
    let before = snapshot(&repo);
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.1", ".", "--diff"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("-@on_demand_feature_view(\n+@realtime_feature_view(\n"),
        "{out}"
    );
    assert!(
        out.contains("-merchant = v09_compat.Entity(name=\"merchant\", join_keys=\"merchant_id\")\n+merchant = Entity(name=\"merchant\", join_keys=[Field(\"merchant_id\", String)])\n"),
        "{out}"
    );
    assert_eq!(before, snapshot(&repo));
}

#[test]
fn the_native_rewrite_needs_a_person_where_the_repository_states_no_type() {
    let (_dir, repo) = copy("compat_0_9");
    let before = snapshot(&repo);
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.1", ".", "--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(!out.contains("Wrote"), "{out}");
    assert!(
        out.contains("features/batch_features.py:10:2: TP307 `user_spend` moves from `tecton.v09_compat` to the 1.0 API\n        needs a person: the 1.0 API needs each aggregated column's type (`Aggregate(input_column=Field(\"amount\", <type>), ...)`)"),
        "the file, the line and the choices\n{out}"
    );
    assert!(
        out.contains("features/stream_features.py:10:2: TP307 `user_max_amount_1h`"),
        "{out}"
    );
    // What the repository states is still worked out, and shown.
    assert!(
        out.contains("features/feature_table.py:8:21: TP307 [*] `user_model_scores`"),
        "{out}"
    );
    assert_eq!(before, snapshot(&repo), "nothing is written");
}

#[test]
fn the_native_rewrite_stays_quiet_without_the_compatibility_module() {
    for fixture in ["sdk10", "upgrade_sdk11"] {
        let (_dir, repo) = copy(fixture);
        let to = if fixture == "sdk10" { "1.1" } else { "1.2" };
        let (out, _, _) = run(&repo, &["upgrade", "--to", to, "."]);
        assert!(!out.contains("TP307"), "{fixture}\n{out}");
    }
}

#[test]
fn a_repository_on_09_reaches_the_native_rewrite_after_the_bridge() {
    // 0.9 -> 1.0 bridges through `tecton.v09_compat` (TP306); 1.0 -> 1.1 rewrites it (TP307).
    let (_dir, repo) = copy("sdk09");
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.1", "."]);
    assert_eq!(code, 1, "{out}");
    let bridge = out.find("TP306").expect("the bridge");
    let rewrite = out.find("TP307").expect("the rewrite");
    assert!(bridge < rewrite, "{out}");
    assert!(
        out.contains("TP307 `customer_first_order` moves from `tecton.v09_compat` to the 1.0 API\n        needs a person: `schema=` has 2 `Timestamp` columns"),
        "{out}"
    );
}

/// A small SDK 1.0 repository on the 0.9 API with the given `features.py`.
fn compat_repo(features: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("upgrade-test-")
        .tempdir()
        .expect("a temporary directory");
    let repo = dir.path().join("repo");
    std::fs::create_dir_all(&repo).expect("mkdir");
    for (name, text) in [
        (".tecton", ""),
        ("requirements.txt", "tecton~=1.0.0\n"),
        (
            "repo.yaml",
            "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: 1.1.20\n",
        ),
        (
            "sources.py",
            "from tecton.v09_compat import BatchSource, HiveConfig, Entity\n\
             orders = BatchSource(name=\"orders\", batch_config=HiveConfig(database=\"d\", table=\"t\", timestamp_field=\"ts\"))\n\
             customer = Entity(name=\"customer\", join_keys=[\"customer_id\"])\n",
        ),
        ("features.py", features),
    ] {
        std::fs::write(repo.join(name), text).expect("write");
    }
    (dir, repo)
}

#[test]
fn the_native_rewrite_asks_a_person_for_what_the_repository_does_not_say() {
    let header = "from datetime import datetime, timedelta\n\
                  from tecton.types import Field, Int64, String, Timestamp\n\
                  from tecton.v09_compat import Aggregation, FilteredSource, batch_feature_view\n\
                  from sources import customer, orders\n";
    let view = |name: &str, sources: &str, schema: &str, extra: &str| {
        format!(
            "\n@batch_feature_view(sources={sources}, entities=[customer], mode=\"spark_sql\", \
             schema={schema}, online=False, offline=True, feature_start_time=datetime(2024, 1, 1){extra})\n\
             def {name}(o):\n    return o\n"
        )
    };
    let cases = [
        (
            // A filtered source kept in a variable: its 1.0 form depends on the view.
            format!(
                "{header}filtered = FilteredSource(orders)\n{}",
                view("v", "[filtered]", "[Field(\"customer_id\", String), Field(\"ts\", Timestamp), Field(\"n\", Int64)]", "")
            ),
            "`FilteredSource` outside a view's sources has no 1.0 form",
        ),
        (
            // Two views type the same join key differently.
            format!(
                "{header}{}{}",
                view("a", "[orders]", "[Field(\"customer_id\", String), Field(\"ts\", Timestamp), Field(\"n\", Int64)]", ""),
                view("b", "[orders]", "[Field(\"customer_id\", Int64), Field(\"ts\", Timestamp), Field(\"m\", Int64)]", "")
            ),
            "the views that use this entity type `customer_id` differently (String, Int64)",
        ),
        (
            // A function written as a string with parameters fails under the 0.9 API too.
            format!(
                "{header}{}",
                view("c", "[orders]", "[Field(\"customer_id\", String), Field(\"ts\", Timestamp), Field(\"n\", Int64)]",
                     ", aggregation_interval=timedelta(days=1), aggregations=[Aggregation(column=\"n\", function=\"last_distinct(3)\", time_window=timedelta(days=1))]")
            ),
            "`function=\"last_distinct(3)\"` is not a function name: write `tecton.aggregation_functions.last_distinct(3)`",
        ),
        (
            // An offset that is not a literal timedelta: unbounded or not cannot be told.
            format!(
                "{header}OFFSET = timedelta(days=-1)\n{}",
                view("d", "[FilteredSource(orders, start_time_offset=OFFSET)]", "[Field(\"customer_id\", String), Field(\"ts\", Timestamp), Field(\"n\", Int64)]", "")
            ),
            "`start_time_offset=OFFSET` is not a `timedelta(...)` of literal numbers",
        ),
    ];
    for (features, why) in cases {
        let (_dir, repo) = compat_repo(&features);
        let (check, _, code) = run(&repo, &["check", ".", "--format", "concise"]);
        assert_eq!(
            code, 0,
            "the repository is valid on SDK 1.0\n{check}\n{features}"
        );
        let before = snapshot(&repo);
        let (out, _, code) = run(&repo, &["upgrade", "--to", "1.1", ".", "--fix"]);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("needs a person"), "{out}");
        assert!(out.contains(why), "expected {why:?}\n{out}");
        assert_eq!(before, snapshot(&repo), "nothing is written\n{out}");
    }

    // The same repository with one typed view is rewritten.
    let (_dir, repo) = compat_repo(&format!(
        "{header}{}",
        view(
            "a",
            "[orders]",
            "[Field(\"customer_id\", String), Field(\"ts\", Timestamp), Field(\"n\", Int64)]",
            ""
        )
    ));
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.1", ".", "--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Wrote the step"), "{out}");
    let sources = read(&repo.join("sources.py"));
    assert!(
        sources.starts_with("from tecton import BatchSource, HiveConfig, Entity\nfrom tecton.types import Field, String\n"),
        "{sources}"
    );
    assert!(
        sources.contains("join_keys=[Field(\"customer_id\", String)]"),
        "{sources}"
    );
    let features = read(&repo.join("features.py"));
    assert!(
        features.contains("sources=[orders.unfiltered()], entities=[customer], mode=\"spark_sql\", features=[Attribute(\"n\", Int64)], online=False, offline=True, feature_start_time=datetime(2024, 1, 1), timestamp_field=\"ts\")"),
        "{features}"
    );
    let (check, _, code) = run(&repo, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 0, "{check}");
}

/// `BatchFeatureView` -> `batch_feature_view` (the oracle names kinds as the SDK's classes).
fn snake(kind: &str) -> String {
    let mut out = String::new();
    for (i, c) in kind.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// What `check` finds in `repo` against what the SDK registered for the same tree (one step of a
/// fixture's `.oracle-upgrade.json`): every object with the same kind, name, file, line, online,
/// offline and runtime, and no other.
fn disagreements(repo: &Path, sdk: &serde_json::Value) -> Vec<String> {
    let version = sdk["sdk_version"].as_str().expect("sdk_version");
    let (out, _, _) = run(
        repo,
        &["check", ".", "--format", "json", "--sdk-version", version],
    );
    let ours: serde_json::Value = serde_json::from_str(&out).expect("json");
    let objects: Vec<&serde_json::Value> = ours["roots"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|r| r["objects"].as_array().into_iter().flatten())
        .collect();
    let expected = sdk["objects"].as_array().expect("objects");
    let mut problems = Vec::new();
    for want in expected {
        let kind = snake(want["kind"].as_str().unwrap_or_default());
        let name = want["name"].as_str().unwrap_or_default();
        let found = objects.iter().find(|o| {
            o["kind"] == kind.as_str()
                && o["name"] == name
                && o["line"] == want["line"]
                && o["file"] == want["file"]
        });
        let Some(got) = found else {
            problems.push(format!(
                "missing {kind} {name} at {}:{}",
                want["file"], want["line"]
            ));
            continue;
        };
        if matches!(
            kind.as_str(),
            "batch_feature_view" | "stream_feature_view" | "feature_table"
        ) {
            for flag in ["online", "offline"] {
                if got[flag] != want[flag] {
                    problems.push(format!("{name}: {flag} {} != {}", got[flag], want[flag]));
                }
            }
            let runtime = &got["runtime"]["value"];
            let wanted = &want["tecton_materialization_runtime"];
            if runtime != wanted && !(runtime.is_null() && wanted.is_null()) {
                problems.push(format!("{name}: runtime {runtime} != {wanted}"));
            }
        }
    }
    if objects.len() != expected.len() {
        problems.push(format!(
            "{} objects, the SDK registers {}",
            objects.len(),
            expected.len()
        ));
    }
    problems
}

#[test]
fn every_tree_a_step_writes_registers_what_the_real_sdk_registered() {
    let mut fixtures = 0;
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("test_repos"))
        .expect("test_repos")
        .flatten()
    {
        let recorded = entry.path().join(".oracle-upgrade.json");
        let Ok(text) = std::fs::read_to_string(&recorded) else {
            continue;
        };
        fixtures += 1;
        let oracle: serde_json::Value = serde_json::from_str(&text).expect("oracle JSON");
        let target = oracle["target"].as_str().expect("target");
        let name = entry.file_name().to_string_lossy().into_owned();
        let (_dir, repo) = copy(&name);
        let steps = oracle["steps"].as_array().expect("steps");
        for (i, sdk) in steps.iter().enumerate() {
            let (out, err, code) = run(&repo, &["upgrade", "--to", target, ".", "--fix"]);
            assert!(
                out.contains("Wrote the step"),
                "{name} step {}: {out}{err}",
                i + 1
            );
            assert_eq!(
                code,
                if i + 1 == steps.len() { 0 } else { 1 },
                "{name}: {out}"
            );
            assert_eq!(
                sdk["errors"],
                serde_json::json!([]),
                "{name}: the SDK imported step {}",
                i + 1
            );
            let problems = disagreements(&repo, sdk);
            assert!(
                problems.is_empty(),
                "{name} after step {}: {problems:#?}",
                i + 1
            );
        }
    }
    assert!(fixtures >= 4, "{fixtures} fixtures with recorded steps");
}

#[test]
fn a_repository_at_the_target_has_nothing_to_do() {
    for name in ["sdk12", "example"] {
        let (_dir, repo) = copy(name);
        let before = snapshot(&repo);
        let (out, _, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
        assert_eq!(code, 0, "{name}: {out}");
        assert!(
            out.contains("Every root is at SDK 1.2: nothing remains."),
            "{out}"
        );
        assert!(
            !out.contains("TP3"),
            "no migration fires at the target\n{out}"
        );
        assert_eq!(before, snapshot(&repo));
    }
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(status.status.success(), "git {args:?}: {status:?}");
}

#[test]
fn plan_shows_the_restarts_the_first_step_announces() {
    let (_dir, repo) = copy("upgrade_sdk11");
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "-A"]);
    git(&repo, &["commit", "-qm", "base"]);
    let (out, _, _) = run(&repo, &["upgrade", "--to", "1.2", ".", "--format", "json"]);
    let upgrade: serde_json::Value = serde_json::from_str(&out).expect("json");
    let mut announced: Vec<String> = upgrade["roots"][0]["steps"][0]["stream_restarts"]
        .as_array()
        .expect("restarts")
        .iter()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    announced.sort();
    let (_, _, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 1);
    let (out, err, code) = run(&repo, &["plan", ".", "--base", "HEAD", "--format", "json"]);
    assert_eq!(code, 0, "{out}{err}");
    let plan: serde_json::Value = serde_json::from_str(&out).expect("json");
    let mut restarted: Vec<String> = plan["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| c["stream_restart"] == "blue_green")
        .filter_map(|c| c["name"].as_str().map(String::from))
        .collect();
    restarted.sort();
    assert_eq!(announced, restarted, "{out}");
    assert_eq!(plan["summary"]["blue_green_restarts"], announced.len());
    // The views the step changes are the plan's updates, no more and no fewer.
    let step = &upgrade["roots"][0]["steps"][0];
    let mut changed: Vec<String> = ["stream_restarts", "stream_may_restart", "in_place_updates"]
        .iter()
        .flat_map(|k| step[*k].as_array().into_iter().flatten())
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    changed.sort();
    let mut updated: Vec<String> = plan["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .filter(|c| c["action"] == "update")
        .filter_map(|c| c["name"].as_str().map(String::from))
        .collect();
    updated.sort();
    assert_eq!(changed, updated, "{out}");
    // And nothing is recreated or deleted by a runtime step.
    assert_eq!(plan["summary"]["recreate"], 0, "{out}");
    assert_eq!(plan["summary"]["delete"], 0, "{out}");
}

#[test]
fn a_transform_server_group_object_becomes_its_name_with_the_bump_to_12() {
    let (_dir, repo) = copy("upgrade_sdk11_server_group");
    let groups = read(&repo.join("server_groups.py"));
    let (_, _, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 1);
    let service = read(&repo.join("feature_services/dispatch.py"));
    assert!(
        service.contains("    transform_server_group=dispatch_group,\n"),
        "1.1 takes only the object\n{service}"
    );
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 0, "{out}");
    let service = read(&repo.join("feature_services/dispatch.py"));
    assert!(
        service.contains("    transform_server_group=\"dispatch-transforms\",\n"),
        "{service}"
    );
    assert_eq!(
        read(&repo.join("server_groups.py")),
        groups,
        "the group stays defined"
    );
}

#[test]
fn from_07_positional_configs_are_named_and_spot_stream_clusters_become_on_demand() {
    let (_dir, repo) = copy("upgrade_sdk07_clusters");
    let (out, err, code) = run(&repo, &["upgrade", "--to", "0.8", "."]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("on-demand instances cost more"), "{out}");
    let (out, _, _) = run(&repo, &["upgrade", "--to", "0.8", ".", "--fix"]);
    assert!(out.contains("Apply it with SDK 0.7"), "{out}");
    let stream = read(&repo.join("features/stream.py"));
    assert!(
        stream.contains("    stream_compute=DatabricksClusterConfig(instance_type=\"m5.xlarge\", instance_availability=\"on_demand\", number_of_workers=2),\n"),
        "{stream}"
    );
    assert_eq!(
        read(&repo.join("clusters.py")).lines().nth(3),
        Some("stream_cluster = EMRClusterConfig(instance_type=\"m5.2xlarge\", instance_availability='on_demand')")
    );
    let batch = read(&repo.join("features/batch.py"));
    assert!(
        batch.contains("instance_availability=\"spot\"),\n"),
        "a batch view keeps its spot cluster\n{batch}"
    );
    assert!(
        batch.contains("offline_store=DeltaConfig(time_partition_size=timedelta(days=1)),\n"),
        "{batch}"
    );
    // A cluster two stream views share is edited, and listed, once.
    let (_dir, repo) = copy("upgrade_sdk07_clusters");
    let stream = read(&repo.join("features/stream.py")).replace(
        "stream_compute=DatabricksClusterConfig(\"m5.xlarge\", \"spot\", 2),",
        "stream_compute=stream_cluster,",
    );
    std::fs::write(repo.join("features/stream.py"), stream).expect("write");
    let (out, _, _) = run(&repo, &["upgrade", "--to", "0.8", "."]);
    assert_eq!(out.matches("clusters.py:4:85: TP308").count(), 1, "{out}");
    // The same cluster shared with a batch view is a person's decision, and stops the step.
    let (_dir, repo) = copy("upgrade_sdk07_clusters");
    let batch = read(&repo.join("features/batch.py"))
        .replace(
            "batch_compute=DatabricksClusterConfig(instance_type=\"m5.xlarge\", instance_availability=\"spot\"),",
            "batch_compute=stream_cluster,",
        )
        .replace("from entities import", "from clusters import stream_cluster\nfrom entities import");
    std::fs::write(repo.join("features/batch.py"), batch).expect("write");
    let before = snapshot(&repo);
    let (out, _, code) = run(&repo, &["upgrade", "--to", "0.8", ".", "--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("is also another argument's cluster"), "{out}");
    assert_eq!(snapshot(&repo), before, "nothing is written");
}

#[test]
fn a_bump_the_new_sdk_would_reject_waits_for_a_person() {
    // On Rift, SDK 1.2 refuses `environment=` on a stream feature view that 1.1 accepts: no
    // migration can choose the Transform Server Group, and the check of the bumped tree finds it.
    let (_dir, repo) = copy("rift_stream_view_environment_sdk11");
    let args = [
        "upgrade",
        "--to",
        "1.2",
        ".",
        "--default-compute",
        "rift",
        "--fix",
    ];
    let (out, err, code) = run(&repo, &args);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("Apply it with SDK 1.1"), "{out}");
    let before = snapshot(&repo);
    let (out, _, code) = run(&repo, &args);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("explicit.py:18:17: TP001 SDK 1.2 would reject the tree this step writes: Tecton cannot import this file: The `environment` parameter is deprecated"),
        "{out}"
    );
    assert!(out.contains("needs a person"), "{out}");
    assert_eq!(snapshot(&repo), before, "nothing is written");
    assert_eq!(read(&repo.join("requirements.txt")), "tecton==1.1.20\n");
    // On Spark the same tree takes the bump.
    let (out, _, code) = run(
        &repo,
        &[
            "upgrade",
            "--to",
            "1.2",
            ".",
            "--default-compute",
            "spark",
            "--fix",
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert_eq!(read(&repo.join("requirements.txt")), "tecton==1.2.13\n");
}

#[test]
fn the_tecton_init_layout_moves_its_defaults_with_the_bump_and_every_tecton_line_of_the_pin() {
    // `.tecton` and `repo.yaml` git-ignored, `tecton init` run in CI: the defaults are the
    // installed SDK's starter, so they move with the bump, and nothing asks for a person.
    let (_dir, repo) = copy("init_layout_sample");
    std::fs::write(
        repo.join("requirements.txt"),
        "tecton[pyspark]~=1.1.0\ntecton[rift]~=1.1.0\n",
    )
    .expect("write");
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.2", "."]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(!out.contains("needs a person"), "{out}");
    assert!(
        out.contains("spark/repo.yaml:3:37: TP301 tecton_materialization_runtime \"1.1.20\" -> \"1.2.13\" (the newest 1.2 runtime): `tecton init` of SDK 1.2 writes it, as repo.yaml is not in the repository\n"),
        "{out}"
    );
    assert!(
        out.contains("with `tecton[rift]~=1.1.0` -> `tecton[rift]~=1.2.0`"),
        "{out}"
    );
    assert!(
        out.contains("Applying it (tecton apply on SDK 1.2): 2 views and tables update in place (user_scores, user_spend)."),
        "{out}"
    );
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--fix"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        read(&repo.join("requirements.txt")),
        "tecton[pyspark]~=1.2.0\ntecton[rift]~=1.2.0\n"
    );
    assert!(!repo.join("spark/repo.yaml").exists(), "nothing is created");
    let (check, _, status) = run(&repo, &["check", ".", "--format", "concise"]);
    assert_eq!(status, 0, "{check}");
}

#[test]
fn the_bridge_to_10_asks_a_person_only_for_the_09_apis_own_constructors() {
    let (_dir, repo) = copy("sdk09");
    std::fs::write(
        repo.join("helpers.py"),
        "import tecton\n\n\ndef start(spark):\n    tecton.set_tecton_spark_session(spark)\n\n\nshared = tecton.Entity(name=\"shared\", join_keys=[\"shared_id\"])\n\n\ndef narrow(ds):\n    return tecton.FilteredSource(ds)\n\n\nimport tecton as tt\n\nother = tt.Entity(name=\"other\", join_keys=[\"other_id\"])\n",
    )
    .expect("write");
    let before = snapshot(&repo);
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.0", "."]);
    assert_eq!(code, 1, "{out}{err}");
    // The file, the line and column, why, and the choice; the bump waits for it.
    assert!(
        out.contains(
            "helpers.py:8:17: TP306 `tecton.Entity` is the 1.0 API in SDK 1.0, not the 0.9 one\n        needs a person: write `from tecton.v09_compat import Entity` and use `Entity`\n"
        ),
        "{out}{err}"
    );
    // SDK 1.0's `tecton` has no `FilteredSource` (an `AttributeError` at import).
    assert!(
        out.contains(
            "helpers.py:12:19: TP306 `tecton.FilteredSource` is only in `tecton.v09_compat` in SDK 1.0\n        needs a person: write `from tecton.v09_compat import FilteredSource` and use `FilteredSource`\n"
        ),
        "{out}"
    );
    // Through an alias of `tecton` too.
    assert!(
        out.contains(
            "helpers.py:17:12: TP306 `tecton.Entity` is the 1.0 API in SDK 1.0, not the 0.9 one"
        ),
        "{out}"
    );
    assert!(
        out.contains("the bump to SDK 1.0   (needs a person"),
        "{out}"
    );
    assert!(
        !out.contains("set_tecton_spark_session` is the 1.0 API"),
        "{out}"
    );
    let (_, _, _) = run(&repo, &["upgrade", "--to", "1.0", ".", "--fix"]);
    let (out, _, _) = run(&repo, &["upgrade", "--to", "1.0", ".", "--fix"]);
    assert!(!out.contains("Wrote"), "the bump is never written\n{out}");
    assert!(read(&repo.join("requirements.txt")).contains("0.9"));
    assert_ne!(before, snapshot(&repo), "step 1 is written");
}

#[test]
fn the_native_rewrite_reaches_the_module_through_a_plain_import() {
    // `import tecton.v09_compat` (read as `tecton.v09_compat.X`) and `import tecton.v09_compat as
    // v09` (read as `v09.X`): the same rewrite as `from tecton.v09_compat import X`.
    let (_dir, repo) = copy("upgrade_sdk10_plain_import");
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.1", ".", "--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Wrote the step"), "{out}");
    let code_text = python_text(&repo);
    assert!(!code_text.contains("v09"), "{code_text}");
    for expected in [
        // `tecton.types` is still read through `tecton`: `import tecton` stays.
        "# data_sources.py\n# The module's path throughout; `tecton.types` is read through the same `tecton`.\nimport tecton\nfrom tecton import StreamSource, PushConfig, HiveConfig, BatchSource\n\norders_hive = HiveConfig(",
        "# entities.py\nfrom tecton import Entity\nfrom tecton.types import Field, String\n\ncustomer = Entity(name=\"customer\", join_keys=[Field(\"customer_id\", String)])\n",
        // The other module of the statement stays.
        "# feature_services.py\nimport os\nfrom tecton import FeatureService\n",
        "shop = FeatureService(\n",
        "from datetime import datetime, timedelta\n\nfrom tecton import Aggregate, Attribute, batch_feature_view, FeatureTable\nfrom tecton.types import",
        "@batch_feature_view(\n    sources=[orders],\n",
        "features=[Aggregate(input_column=Field(\"amount\", Float64), function=\"sum\", time_window=timedelta(days=7))],",
        "customer_scores = FeatureTable(\n",
        "sources=[orders.select_range(start_time=TectonTimeConstant.MATERIALIZATION_START_TIME + timedelta(days=-2), end_time=TectonTimeConstant.MATERIALIZATION_END_TIME)],",
        "customer_score = StreamFeatureView(\n",
        "    aggregation_leading_edge=AggregationLeadingEdge.LATEST_EVENT_TIME,\n)\n",
    ] {
        assert!(code_text.contains(expected), "missing {expected:?}\n{code_text}");
    }
    let (check, _, code) = run(&repo, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 0, "{check}");
    assert!(check.contains("10 objects"), "{check}");
}

#[test]
fn the_native_rewrite_binds_the_names_in_each_block_that_imported_the_module() {
    // Each branch imported the module: each gets the new names. A block whose only statement
    // was the import keeps a `pass`.
    let features = "import sys\n\n\
                    if sys.version_info >= (3, 8):\n    import tecton.v09_compat as v09\n\
                    else:\n    import tecton.v09_compat as v09\n\n\
                    if sys.platform:\n    from tecton import v09_compat\n\n\
                    extra = v09.BatchSource(name=\"extra\", batch_config=v09.HiveConfig(database=\"d\", table=\"e\", timestamp_field=\"ts\"))\n";
    // No entity: its join key's type is not what this test is about.
    let sources = "from tecton.v09_compat import BatchSource, HiveConfig\n\
                   orders = BatchSource(name=\"orders\", batch_config=HiveConfig(database=\"d\", table=\"t\", timestamp_field=\"ts\"))\n";
    let (_dir, repo) = compat_repo(features);
    std::fs::write(repo.join("sources.py"), sources).expect("write");
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.1", ".", "--fix"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("Wrote the step"), "{out}");
    let written = read(&repo.join("features.py"));
    assert_eq!(
        written,
        "import sys\n\n\
         if sys.version_info >= (3, 8):\n    from tecton import BatchSource, HiveConfig\n\
         else:\n    from tecton import BatchSource, HiveConfig\n\n\
         if sys.platform:\n    from tecton import BatchSource, HiveConfig\n\n\
         extra = BatchSource(name=\"extra\", batch_config=HiveConfig(database=\"d\", table=\"e\", timestamp_field=\"ts\"))\n"
    );
    let (check, _, code) = run(&repo, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 0, "{check}");

    let (_dir, repo) =
        compat_repo("import sys\n\nif sys.platform:\n    from tecton import v09_compat\n\nx = 1\n");
    std::fs::write(repo.join("sources.py"), sources).expect("write");
    let (out, _, _) = run(&repo, &["upgrade", "--to", "1.1", ".", "--fix"]);
    assert!(out.contains("Wrote the step"), "{out}");
    assert_eq!(
        read(&repo.join("features.py")),
        "import sys\n\nif sys.platform:\n    pass\n\nx = 1\n"
    );
}

#[test]
fn the_native_rewrite_keeps_other_statements_and_asks_for_a_submodule() {
    let features = "from datetime import datetime, timedelta\n\
                    import json, tecton.v09_compat, os\n\
                    import tecton.v09_compat.framework\n\
                    from tecton.types import Field, Int64, String, Timestamp\n\
                    from sources import customer, orders\n\n\
                    @tecton.v09_compat.batch_feature_view(sources=[orders], entities=[customer], mode=\"spark_sql\", \
                    schema=[Field(\"customer_id\", String), Field(\"ts\", Timestamp), Field(\"n\", Int64)], \
                    online=False, offline=True, feature_start_time=datetime(2024, 1, 1))\n\
                    def v(o):\n    return json.dumps(os.sep)\n";
    let (_dir, repo) = compat_repo(features);
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.1", "."]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("needs a person: `import tecton.v09_compat.framework` has no 1.0 form"),
        "{out}"
    );
    let text = features.replace("import tecton.v09_compat.framework\n", "");
    std::fs::write(repo.join("features.py"), &text).expect("write");
    let (out, _, code) = run(&repo, &["upgrade", "--to", "1.1", ".", "--fix"]);
    assert_eq!(code, 1, "{out}");
    let written = read(&repo.join("features.py"));
    assert!(
        written.contains("import json, os\nfrom tecton import Attribute, batch_feature_view\nfrom tecton.types import"),
        "{written}"
    );
    assert!(
        written.contains("\n@batch_feature_view(sources=[orders.unfiltered()]"),
        "{written}"
    );
    let (check, _, code) = run(&repo, &["check", ".", "--format", "concise"]);
    assert_eq!(code, 0, "{check}");
}

#[test]
fn a_temporary_directory_below_a_hidden_folder_does_not_hide_the_private_copy() {
    // Tecton skips every path holding `/.`: a copy below `~/.cache/tmp` would hold no object.
    let (dir, repo) = copy("upgrade_sdk11");
    let hidden = dir.path().join(".cache").join("tmp");
    std::fs::create_dir_all(&hidden).expect("mkdir");
    let upgrade = |tmp: Option<&Path>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"));
        command
            .args(["upgrade", "--to", "1.2", "."])
            .current_dir(&repo)
            .env_remove("VIRTUAL_ENV")
            .env_remove("TECTON_REPO_IGNORE_ALL_HIDDEN_DIRS")
            .env("HOME", std::env::temp_dir())
            .env("TECTON_PREFLIGHT_TODAY", "2026-11-24")
            .env("NO_COLOR", "1");
        if let Some(tmp) = tmp {
            command.env("TMPDIR", tmp);
        }
        let output = command.output().expect("runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let plain = upgrade(None);
    assert!(plain.contains("stream jobs restart blue-green"), "{plain}");
    assert_eq!(upgrade(Some(&hidden)), plain);
}

#[test]
fn working_out_the_steps_never_writes_a_repo_config_outside_the_root() {
    // `--config` elsewhere: the steps edit its copy; only `--fix` writes the real file.
    let (dir, repo) = copy("upgrade_sdk11");
    let outside = dir.path().join("outside.yaml");
    std::fs::rename(repo.join("repo.yaml"), &outside).expect("move");
    let before = read(&outside);
    let config = outside.to_string_lossy().into_owned();
    let (out, err, code) = run(&repo, &["upgrade", "--to", "1.2", ".", "--config", &config]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("outside.yaml"), "{out}");
    assert_eq!(read(&outside), before, "nothing is written without --fix");
    // The same file named through the root (`../outside.yaml`, which lies outside it) gets the
    // same steps, and `--fix` writes it: it is the file `--config` names.
    let through_root = format!("{}/../outside.yaml", repo.display());
    for relative in ["../outside.yaml", through_root.as_str()] {
        let (again, err, code) = run(
            &repo,
            &["upgrade", "--to", "1.2", ".", "--config", relative],
        );
        assert_eq!(code, 1, "{again}{err}");
        // Shown relative to the working directory, the root.
        assert_eq!(
            again.replace("../outside.yaml", &config),
            out,
            "--config {relative}"
        );
    }
    let (fixed, err, code) = run(
        &repo,
        &[
            "upgrade",
            "--to",
            "1.2",
            ".",
            "--config",
            "../outside.yaml",
            "--fix",
        ],
    );
    assert!(code == 0 || code == 1, "{fixed}{err}");
    assert!(!err.contains("outside"), "{err}");
    assert_ne!(
        read(&outside),
        before,
        "--fix writes the file --config names"
    );
}
