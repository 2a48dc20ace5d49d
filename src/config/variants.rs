//! Holds the repo config reader to the real SDK's verdicts on the adversarial `repo.yaml` set in
//! `test_repos/repo_config_variants/`: for every variant and every SDK version recorded in
//! `verdicts/<version>.json` (written by `scripts/record-repo-config-verdicts.py`, never run here),
//! `load` must reject exactly the files the SDK rejects, either while reading the config or while
//! building a view with its defaults, and must find the same effective runtime defaults; `check`,
//! given the variant as its `--config` and the version as `--sdk-version`, must fail on exactly
//! the same files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{load, Section};
use crate::diagnostic::Severity;
use crate::sdk::parse_version_arg;

#[derive(Deserialize)]
struct Verdicts {
    sdk: String,
    variants: BTreeMap<String, Verdict>,
}

#[derive(Deserialize)]
struct Verdict {
    accepted: bool,
    #[serde(default)]
    runtimes: BTreeMap<String, Option<String>>,
    #[serde(default)]
    build_errors: Vec<serde_json::Value>,
    #[serde(default)]
    message: Option<String>,
}

fn variants_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_repos/repo_config_variants")
}

fn verdict_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(variants_dir().join("verdicts"))
        .expect("verdicts folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_variant_gets_the_sdk_verdict() {
    let files = verdict_files();
    assert!(
        files.len() >= 7,
        "verdicts for every minor's newest patch and 0.8.0"
    );
    let mut failures = Vec::new();
    let mut checked = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("verdict file");
        let verdicts: Verdicts = serde_json::from_str(&text).expect("verdict JSON");
        let sdk = parse_version_arg(&verdicts.sdk).expect("SDK version");
        assert!(verdicts.variants.len() >= 50, "{}", file.display());
        for (name, verdict) in &verdicts.variants {
            let path = variants_dir().join(format!("{name}.yaml"));
            let yaml = std::fs::read_to_string(&path).expect("variant");
            let (config, diagnostics) = load(&path, &yaml, Some(&sdk));
            let errors: Vec<String> = diagnostics
                .iter()
                .filter(|d| d.severity() == Severity::Error)
                .map(|d| format!("{} {}", d.code, d.message))
                .collect();
            let expect_reject = !verdict.accepted || !verdict.build_errors.is_empty();
            checked += 1;
            if expect_reject == errors.is_empty() {
                failures.push(format!(
                    "{} {name}: SDK {} but the reader {}",
                    verdicts.sdk,
                    if expect_reject {
                        format!(
                            "rejects it ({})",
                            verdict
                                .message
                                .clone()
                                .unwrap_or_else(|| format!("{:?}", verdict.build_errors))
                        )
                    } else {
                        "accepts it".to_string()
                    },
                    if errors.is_empty() {
                        "accepts it".to_string()
                    } else {
                        format!("reports {errors:?}")
                    }
                ));
                continue;
            }
            if !verdict.accepted {
                continue;
            }
            for section in [
                Section::BatchFeatureView,
                Section::StreamFeatureView,
                Section::FeatureTable,
            ] {
                let want = verdict.runtimes.get(section.key()).cloned().flatten();
                let got = config
                    .as_ref()
                    .and_then(|c| c.defaults(section))
                    .and_then(|d| d.runtime.as_ref())
                    .map(|r| r.value.clone());
                if want != got {
                    failures.push(format!(
                        "{} {name}: {} runtime: SDK {want:?}, reader {got:?}",
                        verdicts.sdk,
                        section.key()
                    ));
                }
            }
        }
    }
    assert!(checked > 0);
    assert!(
        failures.is_empty(),
        "{} of {checked} disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `check` itself, with the variant as the repo config (as `--config` does) of a root holding a
/// view of each section, as the SDK's verdict builds one of each with the defaults (a refused
/// cluster config fails only a view built with it). The views take the arguments each generation
/// requires: 0.x tables a `schema`, 1.x views and tables `features` and `timestamp_field`.
#[test]
fn check_fails_exactly_where_the_sdk_does() {
    let views = |extra: &str, table: &str| {
        format!(
            "from tecton import FeatureTable, batch_feature_view, stream_feature_view\n\n\n\
             @batch_feature_view(sources=[], entities=[], mode=\"spark_sql\"{extra})\n\
             def batch(source):\n    return source\n\n\n\
             @stream_feature_view(source=None, entities=[], mode=\"spark_sql\"{extra})\n\
             def stream(source):\n    return source\n\n\n\
             table = FeatureTable(name=\"table\", entities=[]{table})\n"
        )
    };
    let with_views = |text: String| {
        // Not `.tmp…`: Tecton ignores a root below a hidden directory.
        let root = tempfile::Builder::new()
            .prefix("repo-config-variants-")
            .tempdir()
            .expect("temporary root");
        std::fs::write(root.path().join(".tecton"), "").expect("marker");
        std::fs::write(root.path().join("views.py"), text).expect("views");
        root
    };
    let root_0x = with_views(views("", ", schema=[]"));
    let extra = ", timestamp_field=\"ts\", features=[]";
    let root_1x = with_views(views(extra, extra));
    let mut failures = Vec::new();
    for file in verdict_files() {
        let text = std::fs::read_to_string(&file).expect("verdict file");
        let verdicts: Verdicts = serde_json::from_str(&text).expect("verdict JSON");
        let root = if verdicts.sdk.starts_with("0.") {
            &root_0x
        } else {
            &root_1x
        };
        for (name, verdict) in &verdicts.variants {
            let options = crate::check::CheckOptions {
                paths: vec![root.path().to_path_buf()],
                sdk_version: Some(verdicts.sdk.clone()),
                config: Some(variants_dir().join(format!("{name}.yaml"))),
                default_compute: None,
                select: Some(vec!["TP1".to_string()]),
                ignore: None,
                home: Some(variants_dir()),
                virtual_env: None,
                top: Some(root.path().to_path_buf()),
            };
            let result = crate::check::run(&options);
            let fails = result.count(Severity::Error) > 0;
            let expect = !verdict.accepted || !verdict.build_errors.is_empty();
            if fails != expect {
                let codes: Vec<String> = result
                    .diagnostics
                    .iter()
                    .map(|d| format!("{} {}", d.code, d.message))
                    .collect();
                failures.push(format!(
                    "{} {name}: SDK rejects: {expect}, check fails: {fails} {codes:?}",
                    verdicts.sdk
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `is_time_range` implements the pattern every recorded SDK parses `time_partition_size` with.
#[test]
fn time_range_parser_matches_the_sdk_pattern() {
    for schema in super::schema::schemas() {
        assert_eq!(
            schema.time_range_regex(),
            r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$",
            "SDK {}: the pattern changed; update is_time_range",
            schema.version
        );
    }
    for ok in ["1d", "12h", "1d12h", "30m", "0s", "1d2h3m4s", "24h\n"] {
        assert!(super::schema::is_time_range(ok), "{ok:?}");
    }
    for bad in [
        "", "banana", "1h1d", "1 d", "h", "1.5h", "-1h", "1dd", "24h\n\n", "1w",
    ] {
        assert!(!super::schema::is_time_range(bad), "{bad:?}");
    }
}
