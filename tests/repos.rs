//! Runs the real binary on every repository under `test_repos/` and compares what it prints with
//! what is stored beside it, so adding a case is adding a folder:
//!
//! - `expected.out`: the `--format concise` output and the exit code of `check .` run in that folder
//!   (extra arguments, if any, in a file named `args`). `BLESS=1 cargo test` rewrites them; review
//!   the diff before committing.
//! - `virtual_env` (optional): a folder, relative to the scenario, that the run sees as the active
//!   virtual environment (`VIRTUAL_ENV`); otherwise none is active.
//! - `.oracle.json`: what the real Tecton SDK registers for the repository (written by
//!   `shared/oracle`, never run here). Every object it lists must be found with the same kind, name,
//!   file, line, `online`, `offline` and effective runtime.
//!   It runs with `--default-compute rift` when the oracle's `default_compute_mode` is `rift`, and
//!   with `--config` when the file names the repo config the oracle was given (`config`, relative
//!   to the root: a config shared by the roots of a monorepo). A runtime the binary leaves unknown
//!   (or `online`, `offline`, or the object's name) is compared only through its TP002 warning:
//!   the SDK's value is whatever the import computed.

mod common;

use common::{folders_with, test_repos};
use std::path::Path;
use std::process::Command;

/// The binary, run in `dir` with a fixed environment: no virtual environment, a fixed date, a
/// `$HOME` outside the test repositories, no colors.
/// Whether this checkout itself lies below a hidden directory: then Tecton's rule that drops every
/// path containing `/.` would hide every test repository, so it is switched off (with Tecton's own
/// switch) and the one scenario about it is skipped.
fn checkout_is_hidden() -> bool {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

fn preflight(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"));
    if checkout_is_hidden() {
        command.env("TECTON_REPO_IGNORE_ALL_HIDDEN_DIRS", "false");
    }
    command.env_remove("VIRTUAL_ENV");
    if let Ok(venv) = std::fs::read_to_string(dir.join("virtual_env")) {
        // Relative, as the run's working directory is the scenario: output stays the same on
        // every machine.
        command.env("VIRTUAL_ENV", venv.trim());
    }
    let output = command
        .args(args)
        .current_dir(dir)
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

#[test]
fn every_scenario_prints_what_is_expected() {
    let scenarios = folders_with("expected.out");
    assert!(
        scenarios.len() >= 20,
        "scenarios found: {}",
        scenarios.len()
    );
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for dir in scenarios {
        if checkout_is_hidden()
            && dir
                .strip_prefix(test_repos())
                .is_ok_and(|r| r.to_string_lossy().contains('.'))
        {
            continue;
        }
        let extra = std::fs::read_to_string(dir.join("args")).unwrap_or_default();
        let mut args = vec!["check", ".", "--format", "concise"];
        args.extend(extra.split_whitespace());
        let (stdout, stderr, code) = preflight(&dir, &args);
        let actual = format!("{stdout}exit: {code}\n");
        let expected_path = dir.join("expected.out");
        if bless {
            std::fs::write(&expected_path, &actual).expect("write expected.out");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "--- {}\nexpected:\n{expected}\nactual:\n{actual}\nstderr:\n{stderr}",
                dir.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn kind_of(oracle_kind: &str) -> String {
    let mut out = String::new();
    for (i, c) in oracle_kind.chars().enumerate() {
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

#[test]
fn objects_agree_with_the_tecton_sdk() {
    let repos = folders_with(".oracle.json");
    assert!(
        repos.len() >= 5,
        "oracle repositories found: {}",
        repos.len()
    );
    let mut failures = Vec::new();
    for dir in repos {
        if checkout_is_hidden() && dir.to_string_lossy().contains("/.") {
            continue;
        }
        let oracle: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(".oracle.json")).expect("read"))
                .expect("oracle JSON");
        let sdk = oracle["sdk_version"]
            .as_str()
            .expect("sdk_version")
            .to_string();
        let mut args = vec!["check", ".", "--format", "json", "--sdk-version", &sdk];
        // The deployment's default compute that the SDK ran with, when it is Rift (the oracle's
        // default is Spark, which the SDK also infers when nothing says otherwise).
        if oracle["default_compute_mode"] == "rift" {
            args.extend(["--default-compute", "rift"]);
        }
        // The repo config the oracle was given, as `tecton plan --config` takes it.
        if let Some(config) = oracle["config"].as_str() {
            args.extend(["--config", config]);
        }
        let (stdout, stderr, _) = preflight(&dir, &args);
        let ours: serde_json::Value = match serde_json::from_str(&stdout) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!("{}: not JSON ({e}): {stderr}", dir.display()));
                continue;
            }
        };
        let objects: Vec<&serde_json::Value> = ours["roots"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|r| r["objects"].as_array().into_iter().flatten())
            .collect();
        let expected = oracle["objects"].as_array().expect("objects");
        // Whether a TP002 in `file` (at `line`, when given) says what `says` accepts.
        let said = |file: &serde_json::Value,
                    line: Option<&serde_json::Value>,
                    says: &dyn Fn(&str) -> bool| {
            ours["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|d| {
                    d["code"] == "TP002"
                        && d["file"] == *file
                        && line.is_none_or(|line| d["line"] == *line)
                        && d["message"].as_str().is_some_and(says)
                })
        };
        for want in expected {
            let kind = kind_of(want["kind"].as_str().unwrap_or_default());
            let name = want["name"].as_str().unwrap_or_default();
            // A name that depends on the import is unknown to us: then the object at that line
            // has none, and a TP002 there says so.
            let name_unknown_and_said = |o: &serde_json::Value| {
                o["name"].is_null()
                    && said(&o["file"], Some(&o["line"]), &|m| {
                        m.starts_with("`name` of this ")
                    })
            };
            let Some(got) = objects.iter().find(|o| {
                o["kind"] == kind.as_str()
                    && o["line"] == want["line"]
                    && (o["name"] == name || name_unknown_and_said(o))
            }) else {
                failures.push(format!(
                    "{}: missing {kind} {name} at line {}",
                    dir.display(),
                    want["line"]
                ));
                continue;
            };
            let file = got["file"].as_str().unwrap_or_default();
            if file != want["file"].as_str().unwrap_or_default() {
                failures.push(format!(
                    "{}: {name}: file {file} != {}",
                    dir.display(),
                    want["file"]
                ));
            }
            if matches!(
                kind.as_str(),
                "batch_feature_view" | "stream_feature_view" | "feature_table"
            ) {
                // A value that depends on the import (an environment variable, another package's
                // function) is unknown to us: then it must be said, as TP002 at this view, rather
                // than agree with the value the SDK happened to compute.
                let unknown_and_said = |value: &serde_json::Value, parameter: &str| {
                    value.is_null()
                        && said(&got["file"], None, &|m| {
                            m.starts_with(&format!("`{parameter}` of "))
                                && m.contains(&format!("`{name}` cannot be resolved"))
                        })
                };
                for flag in ["online", "offline"] {
                    if got[flag] != want[flag] && !unknown_and_said(&got[flag], flag) {
                        failures.push(format!(
                            "{}: {name}: {flag} {} != {}",
                            dir.display(),
                            got[flag],
                            want[flag]
                        ));
                    }
                }
                let runtime = &got["runtime"]["value"];
                let want_runtime = &want["tecton_materialization_runtime"];
                let unknown_and_said = unknown_and_said(runtime, "tecton_materialization_runtime");
                if runtime != want_runtime
                    && !(runtime.is_null() && want_runtime.is_null())
                    && !unknown_and_said
                {
                    failures.push(format!(
                        "{}: {name}: runtime {runtime} != {want_runtime}",
                        dir.display()
                    ));
                }
            }
        }
        if objects.len() != expected.len() {
            failures.push(format!(
                "{}: {} objects found, the SDK registers {}",
                dir.display(),
                objects.len(),
                expected.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
