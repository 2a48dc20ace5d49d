//! Tests of the repo config reader: YAML 1.1 as PyYAML reads it, the schema per SDK version, and
//! the findings TP102 to TP106.

use std::path::Path;
use std::time::{Duration, Instant};

use super::yaml::{self, Value};
use super::*;
use crate::diagnostic::Severity;
use crate::sdk::{Minor, SdkVersion};

fn sdk(text: &str) -> SdkVersion {
    let parts: Vec<u64> = text.split('.').map(|p| p.parse().unwrap()).collect();
    SdkVersion {
        minor: Minor {
            major: parts[0],
            minor: parts[1],
        },
        patch: parts.get(2).copied().unwrap_or(99),
        exact: parts.len() == 3,
        display: text.to_string(),
    }
}

fn load_with(text: &str, version: Option<&str>) -> (Option<RepoConfig>, Vec<Diagnostic>) {
    let v = version.map(sdk);
    load(Path::new("/repo/repo.yaml"), text, v.as_ref())
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.code).collect()
}

/// The value the root mapping holds under `key`, as PyYAML would construct it.
fn scalar(text: &str) -> Value {
    let doc = yaml::parse(&format!("k: {text}\n")).unwrap_or_else(|e| panic!("{text}: {e:?}"));
    let root = doc.root.unwrap();
    let Value::Map(pairs) = doc.value(root) else {
        panic!("not a map")
    };
    doc.value(pairs[0].1).clone()
}

fn is_str(text: &str) -> bool {
    matches!(scalar(text), Value::Str(_))
}

fn int(text: &str) -> i128 {
    match scalar(text) {
        Value::Int(i) => i.value.unwrap(),
        other => panic!("{text} is {other:?}, not an int"),
    }
}

fn float(text: &str) -> f64 {
    match scalar(text) {
        Value::Float(f) => f,
        other => panic!("{text} is {other:?}, not a float"),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

fn section(config: &Option<RepoConfig>, s: Section) -> &SectionDefaults {
    config.as_ref().unwrap().defaults(s).unwrap()
}

// ---- YAML 1.1 scalars ---------------------------------------------------------------------------

#[test]
fn booleans_are_the_yaml_1_1_words_only() {
    for t in [
        "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
    ] {
        assert_eq!(scalar(t), Value::Bool(true), "{t}");
    }
    for t in [
        "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
    ] {
        assert_eq!(scalar(t), Value::Bool(false), "{t}");
    }
    for t in ["y", "n", "Y", "N", "yES", "oN", "tRUE"] {
        assert!(is_str(t), "{t} must be a string");
    }
}

#[test]
fn integers_follow_pyyaml() {
    assert_eq!(int("0"), 0);
    assert_eq!(int("-0"), 0);
    assert_eq!(int("+5"), 5);
    assert_eq!(int("1_000"), 1000);
    assert_eq!(int("0b101"), 5);
    assert_eq!(int("017"), 15, "a leading zero is octal in YAML 1.1");
    assert_eq!(int("0x1F"), 31);
    assert_eq!(int("-0x10"), -16);
    assert_eq!(int("1:30"), 90, "sexagesimal");
    assert_eq!(int("1:00:00"), 3600);
    assert_eq!(int("0_"), 0);
    assert!(is_str("0o17"), "0o is YAML 1.2 only");
    assert!(is_str("09"), "not octal, not decimal");
    assert!(
        is_str("1:60"),
        "a sexagesimal digit pair must start with 0-5"
    );
    assert!(is_str("0b"), "no digits");
    assert!(
        matches!(scalar("123456789012345678901234567890123456789012"), Value::Int(i) if i.value.is_none())
    );
}

#[test]
fn floats_follow_pyyaml() {
    assert_eq!(float("1.0"), 1.0);
    assert_eq!(float("1.10"), 1.1);
    assert_eq!(float(".5"), 0.5);
    assert_eq!(float("1."), 1.0);
    assert_eq!(float("-1.5"), -1.5);
    assert_eq!(float("1.0e+3"), 1000.0);
    assert_eq!(float("1.e-2"), 0.01);
    assert_eq!(float("1_0.5"), 10.5);
    assert_eq!(float("1:30.5"), 90.5);
    assert_eq!(float(".inf"), f64::INFINITY);
    assert_eq!(float("-.Inf"), f64::NEG_INFINITY);
    assert!(float(".nan").is_nan());
    assert!(float(".NaN").is_nan());
    // The float pattern needs a dot, and an exponent needs a sign.
    assert!(is_str("1e3"));
    assert!(is_str("1.0e3"));
    assert!(is_str("1E+3"));
    assert!(is_str("-.5"), "a signed float needs a digit before the dot");
    assert!(is_str("-.nan"));
    assert!(is_str("1.2.13"));
    assert!(is_str("inf"));
}

#[test]
fn nulls_and_other_strings() {
    for t in ["~", "null", "Null", "NULL", ""] {
        assert_eq!(scalar(t), Value::Null, "{t:?}");
    }
    assert!(is_str("nULL"));
    assert!(is_str("tecton-core-1.2.0"));
    assert!(is_str("0.8.0rc0"));
    assert_eq!(scalar("'<<'"), Value::Str("<<".to_string()));
}

#[test]
fn timestamps_are_dates() {
    assert_eq!(scalar("2024-01-01"), Value::Timestamp);
    assert_eq!(scalar("2024-01-01T10:20:30Z"), Value::Timestamp);
    assert_eq!(scalar("2024-1-1 10:20:30.5 +02:00"), Value::Timestamp);
    assert!(
        is_str("2024-1-1"),
        "the date-only form needs two-digit month and day"
    );
    assert!(is_str("2024-01-01T10:20"));
    // PyYAML's constructor calls datetime.date, which refuses impossible dates.
    assert!(yaml::parse("k: 2024-02-30").is_err());
    assert!(yaml::parse("k: 2024-13-01").is_err());
    assert!(yaml::parse("k: 0000-01-01").is_err());
    assert!(yaml::parse("k: 2024-02-29").is_ok(), "2024 is a leap year");
}

#[test]
fn quoted_and_block_scalars_are_strings() {
    for t in [
        "'1.0'",
        "\"1.0\"",
        "'yes'",
        "\"~\"",
        "''",
        "\"2024-01-01\"",
        "|\n  1.0",
    ] {
        assert!(is_str(t), "{t} must be a string");
    }
}

#[test]
fn tags_are_constructed_like_safe_load() {
    assert_eq!(scalar("!!str 1.0"), Value::Str("1.0".to_string()));
    assert!(matches!(scalar("!!int \"3\""), Value::Int(ref i) if i.value == Some(3)));
    assert!(matches!(scalar("!!int 0x_1"), Value::Int(ref i) if i.value == Some(1)));
    assert_eq!(scalar("!!float \"1\""), Value::Float(1.0));
    assert_eq!(scalar("!!bool \"yes\""), Value::Bool(true));
    assert_eq!(scalar("!!null x"), Value::Null);
    assert_eq!(scalar("! 1.0"), Value::Str("1.0".to_string()));
    assert_eq!(scalar("!!binary aGk="), Value::Binary);
    assert!(matches!(scalar("!!set {a, b}"), Value::Set(ref k) if k.len() == 2));
    assert!(matches!(scalar("!!omap [{a: 1}]"), Value::Seq(_)));
    for bad in [
        "!foo x",
        "!!int abc",
        "!!bool maybe",
        "!!python/tuple [1]",
        "!!seq {a: 1}",
        "!!str [1]",
        "=",
    ] {
        let e = yaml::parse(&format!("k: {bad}\n")).unwrap_err();
        assert!(!e.message.is_empty(), "{bad}");
    }
    // `=` is a string as a key.
    assert!(yaml::parse("=: 1\n").is_ok());
}

#[test]
fn python_float_repr_matches_python() {
    for (f, s) in [
        (1.0, "1.0"),
        (1.1, "1.1"),
        (0.9, "0.9"),
        (1000.0, "1000.0"),
        (1e16, "1e+16"),
        (1.5e-5, "1.5e-05"),
        (0.0001, "0.0001"),
        (123456789012345.6, "123456789012345.6"),
        (-2.5, "-2.5"),
        (0.0, "0.0"),
        (f64::INFINITY, "inf"),
    ] {
        assert_eq!(yaml::python_float_repr(f), s);
    }
}

// ---- structure: anchors, merges, documents -------------------------------------------------------

const MERGED: &str = "\
defaults:
  batch_feature_view: &spark
    tecton_materialization_runtime: \"1.2.13\"
    environment: tecton-core-1.2.0
  stream_feature_view:
    <<: *spark
    environment: tecton-core-1.2.1
  feature_table: *spark
";

#[test]
fn anchors_aliases_and_merge_keys() {
    let (config, diagnostics) = load_with(MERGED, Some("1.2.13"));
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let stream = section(&config, Section::StreamFeatureView);
    assert_eq!(stream.runtime.as_ref().unwrap().value, "1.2.13");
    assert_eq!(
        stream.environment.as_ref().unwrap().value,
        "tecton-core-1.2.1"
    );
    let table = section(&config, Section::FeatureTable);
    assert_eq!(
        table.environment.as_ref().unwrap().value,
        "tecton-core-1.2.0"
    );
    // The merged value keeps the span where it was written.
    let span = &stream.runtime.as_ref().unwrap().span;
    assert_eq!(&MERGED[span.start()..span.end()], "\"1.2.13\"");
}

#[test]
fn merge_list_earlier_mappings_win() {
    let text = "a: &a {x: 1}\nb: &b {x: 2, y: 3}\nc:\n  <<: [*a, *b]\n  z: 4\n";
    let doc = yaml::parse(text).unwrap();
    let Value::Map(top) = doc.value(doc.root.unwrap()) else {
        panic!()
    };
    let c = top[2].1;
    let Value::Map(pairs) = doc.value(c) else {
        panic!()
    };
    let get = |name: &str| {
        pairs
            .iter()
            .find(|&&(k, _)| doc.value(k) == &Value::Str(name.into()))
            .map(|&(_, v)| doc.source(text, v).to_string())
    };
    assert_eq!(get("x").as_deref(), Some("1"));
    assert_eq!(get("y").as_deref(), Some("3"));
    assert_eq!(get("z").as_deref(), Some("4"));
    assert!(doc.duplicates.is_empty(), "merged keys are not duplicates");
}

#[test]
fn merge_errors_are_parse_errors() {
    assert!(yaml::parse("a: {<<: 1}").is_err());
    assert!(yaml::parse("a: {<<: [1]}").is_err());
    assert!(yaml::parse("a: &a {<<: *a}").is_err(), "recursive merge");
    assert!(yaml::parse("a: <<").is_err(), "a merge key as a value");
    // A recursive list is fine for PyYAML.
    assert!(yaml::parse("- &a [*a]").is_ok());
}

#[test]
fn empty_and_comment_only_files_are_empty_configs() {
    for text in [
        "",
        "\n\n",
        "# nothing here\n# at all\n",
        "~\n",
        "---\n",
        "--- # c\n...",
    ] {
        let (config, diagnostics) = load_with(text, Some("1.2"));
        assert!(diagnostics.is_empty(), "{text:?}: {diagnostics:?}");
        assert!(config.unwrap().sections.is_empty());
    }
}

#[test]
fn more_than_one_document_is_an_error() {
    let text = "defaults: {}\n---\ndefaults: {}\n";
    let (config, diagnostics) = load_with(text, Some("1.2"));
    assert!(config.is_none());
    assert_eq!(codes(&diagnostics), ["TP102"]);
    let span = diagnostics[0].span.as_ref().unwrap();
    assert_eq!(line_of(text, span.start()), 2);
    assert!(diagnostics[0]
        .message
        .starts_with("Failed to parse the repo config:"));
    // A trailing document end marker is not a second document; an empty second one is.
    assert!(load_with("a: 1\n...\n", None).0.is_some());
    assert!(load_with("a: 1\n---\n", None).0.is_none());
}

#[test]
fn broken_yaml_reports_the_position() {
    for (text, line) in [
        (
            "defaults:\n  batch_feature_view:\n    environment: \"unclosed\n",
            3,
        ),
        (
            "defaults:\n  batch_feature_view:\n    environment: x\n   feature_table: {}\n",
            4,
        ),
        ("defaults:\n\tbatch_feature_view: {}\n", 2),
        ("defaults: [1, 2\n", 2),
        ("defaults: &a 1\nrepo_options: &a 2\n", 2),
        ("defaults:\n  x: \"a\u{1}b\"\n", 2),
        ("? [a]\n: 1\n", 1),
    ] {
        let (config, diagnostics) = load_with(text, Some("1.2"));
        assert!(config.is_none(), "{text:?}");
        assert_eq!(codes(&diagnostics), ["TP102"], "{text:?}");
        let d = &diagnostics[0];
        assert_eq!(d.severity(), Severity::Error);
        assert!(d.help.is_some());
        let span = d.span.as_ref().unwrap();
        assert!(span.end() <= text.len());
        assert_eq!(line_of(text, span.start()), line, "{text:?}: {}", d.message);
    }
}

#[test]
fn tabs_are_refused_where_pyyaml_refuses_them() {
    for text in [
        "a:\tb\n",
        "a: b\t# comment\n",
        "a: b\t\n",
        "a:\n  - x\n\t\n",
        "a: [x,\ty]\n",
        "a: |\t\n  x\n",
        "a: plain\twith tab\n",
    ] {
        let (config, diagnostics) = load_with(text, None);
        assert!(config.is_none(), "{text:?}");
        assert_eq!(codes(&diagnostics), ["TP102"], "{text:?}");
        let span = diagnostics[0].span.as_ref().unwrap();
        assert_eq!(&text[span.start()..span.end()], "\t", "{text:?}");
    }
    for text in [
        "a: \"x\ty\"\n",
        "a: 'x\ty'\n",
        "a: |\n  x\ty\n",
        "# comment\twith a tab\n",
        "a: b # comment\twith a tab\n",
        "a: \"multi\n  \tline\"\n",
    ] {
        let (config, diagnostics) = load_with(text, None);
        assert!(config.is_some(), "{text:?}: {diagnostics:?}");
        assert!(diagnostics.iter().all(|d| d.code != "TP102"), "{text:?}");
    }
}

#[test]
fn top_level_must_be_a_mapping() {
    for text in ["- a\n- b\n", "just a string\n", "1.0\n"] {
        let (config, diagnostics) = load_with(text, Some("1.2"));
        assert!(config.is_none());
        assert_eq!(codes(&diagnostics), ["TP102"]);
    }
}

#[test]
fn deep_nesting_is_refused_without_overflowing() {
    for text in [
        "[".repeat(100_000),
        "{a: ".repeat(100_000),
        "- ".repeat(100_000),
        (0..3000)
            .map(|i| format!("{}a:\n", " ".repeat(i)))
            .collect::<String>(),
    ] {
        let (config, diagnostics) = load_with(&text, Some("1.2"));
        assert!(config.is_none());
        assert_eq!(codes(&diagnostics), ["TP102"]);
        assert!(diagnostics[0].span.as_ref().unwrap().end() <= text.len());
    }
    // Within the limit it loads.
    let text = format!("x: {}{}\n", "[".repeat(100), "]".repeat(100));
    assert_eq!(codes(&load_with(&text, None).1), ["TP103"]);
}

#[test]
fn a_huge_file_is_read_quickly() {
    let mut text = String::from(
        "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"1.2.13\"\n    batch_compute:\n      kind: DatabricksClusterConfig\n      extra_pip_dependencies:\n",
    );
    while text.len() < 6_000_000 {
        text.push_str("        - \"some-package==1.2.3\"  # pinned\n");
    }
    let start = Instant::now();
    let (config, diagnostics) = load_with(&text, Some("1.2"));
    let took = start.elapsed();
    assert!(diagnostics.is_empty());
    let bfv = section(&config, Section::BatchFeatureView);
    assert_eq!(
        bfv.batch_compute.as_ref().unwrap().value,
        "DatabricksClusterConfig"
    );
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn spans_are_bytes_in_non_ascii_files() {
    let text = "# café ☕ configuration\ndefaults:\n  batch_feature_view:\n    environment: \"tecton-core-1.2.0\" # é\n    tecton_materialization_runtime: \"1.2.13\"\n";
    let (config, diagnostics) = load_with(text, Some("1.2"));
    assert!(diagnostics.is_empty());
    let bfv = section(&config, Section::BatchFeatureView);
    let runtime = bfv.runtime.as_ref().unwrap();
    assert_eq!(
        &text[runtime.span.start()..runtime.span.end()],
        "\"1.2.13\""
    );
    let env = bfv.environment.as_ref().unwrap();
    assert_eq!(
        &text[env.span.start()..env.span.end()],
        "\"tecton-core-1.2.0\""
    );
    assert_eq!(&*runtime.span.file, Path::new("/repo/repo.yaml"));
}

// ---- duplicate keys (TP106) ---------------------------------------------------------------------

#[test]
fn duplicate_keys_warn_and_the_last_wins() {
    let text = "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"1.1.0\"\n    tecton_materialization_runtime: \"1.2.13\"\n";
    let (config, diagnostics) = load_with(text, Some("1.2"));
    assert_eq!(codes(&diagnostics), ["TP106"]);
    let d = &diagnostics[0];
    assert_eq!(d.severity(), Severity::Warning);
    assert!(d.message.contains("the last value wins"), "{}", d.message);
    assert!(d.message.contains("defaults.batch_feature_view"));
    let second = d.span.as_ref().unwrap();
    assert_eq!(line_of(text, second.start()), 4);
    assert_eq!(d.labels.len(), 1);
    assert_eq!(line_of(text, d.labels[0].span.start()), 3);
    let runtime = section(&config, Section::BatchFeatureView)
        .runtime
        .clone()
        .unwrap();
    assert_eq!(runtime.value, "1.2.13");
}

#[test]
fn keys_that_python_sees_as_equal_are_duplicates() {
    let doc = yaml::parse("1: a\n1.0: b\ntrue: c\n\"1\": d\n").unwrap();
    // 1, 1.0 and True are one dict key; "1" is another.
    assert_eq!(doc.duplicates.len(), 2);
    let (_, diagnostics) = load_with("defaults: {}\ndefaults: {}\n", Some("1.2"));
    assert_eq!(codes(&diagnostics), ["TP106"]);
    assert!(diagnostics[0].message.contains("top level"));
}

// ---- unknown keys (TP103) -----------------------------------------------------------------------

fn single(text: &str, version: Option<&str>) -> Diagnostic {
    let (_, diagnostics) = load_with(text, version);
    assert_eq!(diagnostics.len(), 1, "{text}: {diagnostics:#?}");
    diagnostics.into_iter().next().unwrap()
}

#[test]
fn unknown_keys_at_every_level_list_the_valid_ones() {
    let d = single("default:\n  batch_feature_view: {}\n", Some("1.2"));
    assert_eq!(d.code, "TP103");
    assert!(d.message.contains("`default`"));
    let help = d.help.unwrap();
    assert!(help.contains("did you mean `defaults`?"), "{help}");
    assert!(help.contains("`defaults`, `repo_options`"), "{help}");

    let d = single("defaults:\n  batch_feature_views: {}\n", Some("1.2"));
    assert!(d
        .help
        .as_ref()
        .unwrap()
        .contains("did you mean `batch_feature_view`?"));
    assert!(d.help.as_ref().unwrap().contains("`stream_source`"));

    let text = "defaults:\n  batch_feature_view:\n    tecton_materialisation_runtime: \"1.2.13\"\n";
    let d = single(text, Some("1.2"));
    assert_eq!(d.code, "TP103");
    assert!(
        d.message
            .contains("`defaults.batch_feature_view.tecton_materialisation_runtime`"),
        "{}",
        d.message
    );
    let help = d.help.unwrap();
    assert!(
        help.contains("did you mean `tecton_materialization_runtime`?"),
        "{help}"
    );
    assert!(
        help.contains("`online_store`, `offline_store`, `batch_compute`, `environment`"),
        "{help}"
    );
    let span = d.span.unwrap();
    assert_eq!(
        &text[span.start()..span.end()],
        "tecton_materialisation_runtime"
    );

    let d = single(
        "defaults:\n  stream_feature_view:\n    stream_compute:\n      kind: RiftBatchConfig\n      instance_typ: m5.large\n",
        Some("1.2"),
    );
    assert!(d
        .help
        .as_ref()
        .unwrap()
        .contains("did you mean `instance_type`?"));
    assert!(d
        .help
        .as_ref()
        .unwrap()
        .contains("`kind`, `instance_type`, `root_volume_size_in_gb`"));

    let d = single(
        "defaults:\n  stream_source:\n    push_config:\n      ingest_group: a\n",
        Some("1.2"),
    );
    assert!(d
        .message
        .contains("defaults.stream_source.push_config.ingest_group"));
    assert!(d
        .help
        .unwrap()
        .contains("`transform_server_group`, `ingest_server_group`"));

    let d = single("repo_options:\n  isolate: true\n", Some("1.2"));
    assert!(d
        .help
        .unwrap()
        .contains("`isolate_function_deserialization`"));
}

#[test]
fn misplaced_keys_say_where_they_belong() {
    let d = single("batch_feature_view:\n  environment: x\n", Some("1.2"));
    assert!(d.help.unwrap().contains("belongs under `defaults`"));
    let d = single(
        "defaults:\n  tecton_materialization_runtime: \"1.2.13\"\n",
        Some("1.2"),
    );
    assert!(d.help.unwrap().contains("`defaults.batch_feature_view`"));
}

#[test]
fn non_string_keys_are_unknown() {
    let d = single("defaults:\n  on: 1\n", Some("1.2"));
    assert_eq!(d.code, "TP103");
    assert!(d.message.contains("the boolean True"), "{}", d.message);
}

#[test]
fn version_specific_keys() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "defaults:\n  batch_feature_view:\n    environment: tecton-rift-core-0.9.0\n",
            &["0.9.0", "1.0", "1.2.13"],
            &["0.8", "0.8.0"],
        ),
        (
            "defaults:\n  stream_feature_view:\n    aggregation_leading_edge: {kind: WallClockTime}\n",
            &["1.0.0", "1.1", "1.2"],
            &["0.8", "0.9.25"],
        ),
        (
            "defaults:\n  stream_source:\n    push_config: {ingest_server_group: g}\n",
            &["1.2.0", "1.2.13"],
            &["0.9", "1.0", "1.1.20"],
        ),
        (
            "repo_options:\n  isolate_function_deserialization: true\n",
            &["1.0.1", "1.0.42", "1.1.0", "1.2"],
            &["0.8", "0.9", "1.0.0"],
        ),
        (
            "defaults:\n  feature_service:\n    on_demand_environment: tecton-python-extended:0.4\n",
            &["0.8", "0.9", "1.0", "1.1.20"],
            &["1.2.0", "1.2.13"],
        ),
        (
            "defaults:\n  feature_service:\n    realtime_environment: tecton-python-extended:0.4\n    transform_server_group: a\n    feature_server_group: b\n",
            &["1.0", "1.2"],
            &["0.8", "0.9"],
        ),
    ];
    for (text, accepted, rejected) in cases {
        for v in *accepted {
            let (_, diagnostics) = load_with(text, Some(v));
            assert!(diagnostics.is_empty(), "{v}: {text}: {diagnostics:#?}");
        }
        for v in *rejected {
            let (config, diagnostics) = load_with(text, Some(v));
            assert!(config.is_some());
            assert!(!diagnostics.is_empty(), "{v} must reject {text}");
            assert!(
                diagnostics.iter().all(|d| d.code == "TP103"),
                "{v}: {diagnostics:#?}"
            );
            assert!(
                diagnostics[0].message.contains(&format!("SDK {v}")),
                "{}",
                diagnostics[0].message
            );
        }
        // With the SDK unknown, a key some version accepts is never reported.
        let (_, diagnostics) = load_with(text, None);
        assert!(
            diagnostics.is_empty(),
            "unknown SDK: {text}: {diagnostics:#?}"
        );
    }
    let d = single("defaults:\n  stream_source: {}\n", Some("1.1"));
    assert!(
        d.message.contains("needs SDK 1.2 or later"),
        "{}",
        d.message
    );
    // Recorded from the 1.0.0 and 1.0.42 wheels: 1.0.0 lacks the key; a patch between the two is
    // given the benefit of the doubt.
    let d = single("repo_options: {}\n", Some("1.0.0"));
    assert!(
        d.message
            .contains("needs SDK 1.0.42 or later (SDK 1.0.0 does not have it)"),
        "{}",
        d.message
    );
    assert!(load_with("repo_options: {}\n", Some("1.0.7")).1.is_empty());
    let d = single(
        "defaults:\n  feature_service:\n    on_demand_environment: x\n",
        Some("1.2"),
    );
    assert!(d.message.contains("removed in SDK 1.2"), "{}", d.message);
    assert!(d.help.unwrap().contains("realtime_environment"));
}

#[test]
fn sdk_0_7_is_checked_with_the_0_8_schema() {
    let text = "defaults:\n  batch_feature_view:\n    environment: x\n    tecton_materialization_runtime: 0.8\n";
    let (config, diagnostics) = load_with(text, Some("0.7"));
    assert!(config.is_some());
    assert_eq!(codes(&diagnostics), ["TP103", "TP104"]);
}

// ---- types (TP104) ------------------------------------------------------------------------------

fn runtime_file(value: &str) -> String {
    format!("defaults:\n  stream_feature_view:\n    tecton_materialization_runtime: {value}\n")
}

#[test]
fn runtime_written_as_a_number_is_an_error() {
    for (value, reads, fix) in [
        ("1.0", "the number 1.0", "\"1.0.0\""),
        ("1.10", "the number 1.1", "\"1.10.0\""),
        ("0.9", "the number 0.9", "\"0.9.0\""),
        ("1", "the integer 1", "\"1\""),
        ("1.0e+3", "the number 1000.0", "\"1.0e+3\""),
        ("yes", "the boolean True", "\"yes\""),
        ("2024-01-01", "a date", "\"2024-01-01\""),
        ("!!float 1", "the number 1.0", "\"1\""),
    ] {
        let text = runtime_file(value);
        let d = single(&text, Some("1.2"));
        assert_eq!(d.code, "TP104", "{value}");
        let written = value.trim_start_matches("!!float ");
        assert!(
            d.message
                .contains(&format!("`{written}` is read by YAML as {reads}")),
            "{value}: {}",
            d.message
        );
        let help = d.help.unwrap();
        assert!(
            help.contains(&format!("tecton_materialization_runtime: {fix}")),
            "{value}: {help}"
        );
        let span = d.span.unwrap();
        assert_eq!(&text[span.start()..span.end()], written);
        let (config, _) = load_with(&text, Some("1.2"));
        let runtime = section(&config, Section::StreamFeatureView)
            .runtime
            .clone()
            .unwrap();
        assert!(!runtime.valid);
        assert_eq!(runtime.value, written);
    }
}

#[test]
fn a_runtime_written_as_a_plain_float_is_fixed_to_the_quoted_version_the_help_names() {
    for (value, fix) in [
        ("1.0", Some("\"1.0.0\"")),
        ("1.10", Some("\"1.10.0\"")),
        ("0.9", Some("\"0.9.0\"")),
    ] {
        let text = runtime_file(value);
        let d = single(&text, Some("1.2"));
        let fixed = d.fix.as_ref().map(|f| {
            assert_eq!(f.applicability, crate::fix::Applicability::Safe);
            assert_eq!(f.edits.len(), 1);
            let e = &f.edits[0];
            format!("{}{}{}", &text[..e.start], e.replacement, &text[e.end..])
        });
        assert_eq!(fixed, fix.map(runtime_file), "{value}");
        // The fix writes what the help says.
        assert!(d.help.unwrap().contains(fix.unwrap()));
    }
    // What an integer, a boolean, a date, an exponent or a tagged float means is a guess: no fix.
    for value in [
        "1",
        "yes",
        "2024-01-01",
        "1.0e+3",
        "!!float 1",
        "!!float 1.0",
    ] {
        let d = single(&runtime_file(value), Some("1.2"));
        assert_eq!(d.code, "TP104");
        assert!(d.fix.is_none(), "{value}");
    }
    // Another string field written as a number has no runtime meaning to restore.
    let d = single(
        "defaults:\n  feature_table:\n    environment: 1.0\n",
        Some("1.2"),
    );
    assert!(d.fix.is_none());
}

#[test]
fn runtime_numbers_were_converted_by_sdk_0_8_0_only() {
    for (value, converted) in [
        ("1.0", "1.0"),
        ("1.10", "1.1"),
        ("0.9", "0.9"),
        ("1", "1"),
        ("on", "True"),
    ] {
        let text = runtime_file(value);
        let (config, diagnostics) = load_with(&text, Some("0.8.0"));
        assert!(diagnostics.is_empty(), "{value}: {diagnostics:?}");
        let runtime = section(&config, Section::StreamFeatureView)
            .runtime
            .clone()
            .unwrap();
        assert!(runtime.valid);
        assert_eq!(runtime.value, converted);
        // 0.8 without a known patch means the newest one, which rejects numbers.
        let d = single(&text, Some("0.8"));
        assert_eq!(d.code, "TP104");
        assert!(d.message.contains("0.8.0"), "{}", d.message);
        // So does an unknown SDK, checked against the newest schema.
        assert_eq!(single(&text, None).code, "TP104");
    }
}

#[test]
fn runtime_quoted_or_null_is_fine() {
    for (value, expected) in [
        ("\"1.0\"", Some("1.0")),
        ("'1.2.13'", Some("1.2.13")),
        ("1.2.13", Some("1.2.13")),
        ("", None),
        ("~", None),
        ("null", None),
    ] {
        let text = runtime_file(value);
        let (config, diagnostics) = load_with(&text, Some("1.2"));
        assert!(diagnostics.is_empty(), "{value}: {diagnostics:?}");
        let runtime = section(&config, Section::StreamFeatureView).runtime.clone();
        assert_eq!(runtime.as_ref().map(|r| r.value.as_str()), expected);
        assert!(runtime.is_none_or(|r| r.valid));
    }
}

#[test]
fn environment_as_a_number_is_an_error() {
    let text = "defaults:\n  feature_table:\n    environment: 1.0\n";
    let d = single(text, Some("1.2"));
    assert_eq!(d.code, "TP104");
    assert!(d.help.unwrap().contains("environment: \"1.0\""));
    let (config, _) = load_with(text, Some("1.2"));
    assert!(
        !section(&config, Section::FeatureTable)
            .environment
            .clone()
            .unwrap()
            .valid
    );
}

#[test]
fn typed_fields_are_checked() {
    let text = "\
defaults:
  batch_feature_view:
    batch_compute:
      kind: DatabricksClusterConfig
      number_of_workers: \"4\"
      first_on_demand: 1.0
      extra_pip_dependencies: tensorflow
      spark_config:
        spark.executor.instances: 4
        spark.driver.memory: 4g
      dbr_version: 13.3
    offline_store:
      kind: OfflineStoreConfig
      publish_full_features: \"true\"
      publish_start_time: \"2024-01-01\"
      staging_table_format:
        kind: DeltaConfig
        time_partition_size: 24
  stream_feature_view:
    stream_compute:
      kind: EMRClusterConfig
      extra_pip_dependencies: [a, 1.0, b]
  feature_table:
    batch_compute:
      kind: DatabricksJsonClusterConfig
      json: '{\"new_cluster\": '
repo_options:
  isolate_function_deserialization: 1
";
    let (config, diagnostics) = load_with(text, Some("1.2"));
    assert!(config.is_some());
    let found: Vec<(&str, usize)> = diagnostics
        .iter()
        .map(|d| (d.code, line_of(text, d.span.as_ref().unwrap().start())))
        .collect();
    assert_eq!(
        found,
        [
            ("TP104", 5),
            ("TP104", 6),
            ("TP104", 7),
            ("TP104", 9),
            ("TP104", 11),
            ("TP104", 14),
            ("TP104", 15),
            ("TP104", 18),
            ("TP104", 22),
            ("TP104", 26),
            ("TP104", 28),
        ],
        "{diagnostics:#?}"
    );
    let first = &diagnostics[0];
    assert!(
        first.message.contains("must be an integer"),
        "{}",
        first.message
    );
    assert!(first
        .help
        .as_ref()
        .unwrap()
        .contains("number_of_workers: 4"));
}

#[test]
fn well_typed_configs_pass() {
    let text = "\
defaults:
  batch_feature_view:
    tecton_materialization_runtime: 1.2.13
    environment: tecton-core-1.2.0
    online_store: {kind: RedisConfig, primary_endpoint: redis.example.com}
    offline_store:
      kind: OfflineStoreConfig
      publish_full_features: true
      publish_start_time: 2024-01-01
      staging_table_format: {kind: IcebergConfig, num_entity_buckets: 100}
    batch_compute:
      kind: DatabricksClusterConfig
      instance_type: m5.xlarge
      number_of_workers: 4
      extra_pip_dependencies: [tensorflow==2.2.0]
      spark_config: {spark.driver.memory: 4g}
  stream_feature_view:
    tecton_materialization_runtime: '1.2.13'
    stream_compute: {kind: EMRJsonClusterConfig, json: '{\"instance_type\": \"m5.xlarge\"}'}
    batch_compute: {kind: EMRJsonClusterConfig, json: {instance_type: m5.xlarge}}
    aggregation_leading_edge: {kind: LatestEventTime}
    offline_store: {kind: ParquetConfig, subdirectory_override: x}
  feature_table:
    batch_compute: {kind: RiftBatchConfig, instance_type: m5.large, root_volume_size_in_gb: 100}
    online_store: {kind: DynamoConfig, replica_regions: [us-east-1]}
    offline_store: {kind: DeltaConfig, time_partition_size: 24h}
  feature_service:
    realtime_environment: tecton-python-extended:0.4
  stream_source:
    push_config: {transform_server_group: a, ingest_server_group: b}
repo_options:
  isolate_function_deserialization: yes
";
    let (config, diagnostics) = load_with(text, Some("1.2.13"));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let config = config.unwrap();
    assert_eq!(config.sections.len(), 5);
    let stream = config.defaults(Section::StreamFeatureView).unwrap();
    assert_eq!(
        stream.stream_compute.as_ref().unwrap().value,
        "EMRJsonClusterConfig"
    );
    assert!(stream.stream_compute.as_ref().unwrap().valid);
    let table = config.defaults(Section::FeatureTable).unwrap();
    assert_eq!(
        table.batch_compute.as_ref().unwrap().value,
        "RiftBatchConfig"
    );
    assert!(config
        .defaults(Section::FeatureService)
        .unwrap()
        .runtime
        .is_none());
}

#[test]
fn nulls_are_fine_where_the_field_is_optional() {
    let text = "\
defaults:
  batch_feature_view:
    tecton_materialization_runtime:
    environment: ~
    online_store: null
  stream_feature_view:
    aggregation_leading_edge:
  feature_table:
  feature_service: {realtime_environment: null}
repo_options:
";
    let (config, diagnostics) = load_with(text, Some("1.2"));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let config = config.unwrap();
    let bfv = config.defaults(Section::BatchFeatureView).unwrap();
    assert!(bfv.runtime.is_none() && bfv.environment.is_none());
    assert!(config.defaults(Section::FeatureTable).is_none());

    let d = single(
        "defaults:\n  batch_feature_view:\n    batch_compute:\n",
        Some("1.2"),
    );
    assert_eq!(d.code, "TP104");
    assert!(d.message.contains("cannot be null"));
}

// ---- kinds (TP105) ------------------------------------------------------------------------------

#[test]
fn missing_kind() {
    let text =
        "defaults:\n  batch_feature_view:\n    batch_compute:\n      instance_type: m5.large\n";
    let d = single(text, Some("1.2"));
    assert_eq!(d.code, "TP105");
    assert_eq!(
        d.message,
        "Missing 'kind' field at 'defaults.batch_feature_view.batch_compute'"
    );
    assert!(d
        .help
        .as_ref()
        .unwrap()
        .contains("`DatabricksClusterConfig`"));
    assert!(!d.help.as_ref().unwrap().contains("_DefaultClusterConfig"));
    let span = d.span.unwrap();
    assert_eq!(&text[span.start()..span.end()], "batch_compute");
    let (config, _) = load_with(text, Some("1.2"));
    assert!(section(&config, Section::BatchFeatureView)
        .batch_compute
        .is_none());

    let d = single(
        "defaults:\n  batch_feature_view:\n    offline_store:\n      kind: OfflineStoreConfig\n      staging_table_format: {subdirectory_override: x}\n",
        Some("1.2"),
    );
    assert_eq!(
        d.message,
        "Missing 'kind' field at 'defaults.batch_feature_view.offline_store.staging_table_format'"
    );
}

#[test]
fn wrong_kind() {
    let text = "defaults:\n  batch_feature_view:\n    batch_compute:\n      kind: DatabricksClusterConfg\n";
    let d = single(text, Some("1.2"));
    assert_eq!(d.code, "TP105");
    assert!(d.message.contains("unknown kind `DatabricksClusterConfg`"));
    assert!(d
        .help
        .as_ref()
        .unwrap()
        .contains("did you mean `DatabricksClusterConfig`?"));
    let (config, _) = load_with(text, Some("1.2"));
    let compute = section(&config, Section::BatchFeatureView)
        .batch_compute
        .clone()
        .unwrap();
    assert!(!compute.valid);
    assert_eq!(
        &text[compute.span.start()..compute.span.end()],
        "DatabricksClusterConfg"
    );

    // A kind from another SDK version.
    let rift08 = "defaults:\n  batch_feature_view:\n    batch_compute: {kind: RiftClusterConfig}\n";
    let d = single(rift08, Some("1.2"));
    assert_eq!(d.code, "TP105");
    assert!(
        d.message.contains("exists only in SDK 0.8"),
        "{}",
        d.message
    );
    assert!(d.help.unwrap().contains("RiftBatchConfig"));
    assert!(load_with(rift08, Some("0.8")).1.is_empty());
    let rift09 = "defaults:\n  batch_feature_view:\n    batch_compute: {kind: RiftBatchConfig}\n";
    assert_eq!(single(rift09, Some("0.8.23")).code, "TP105");
    assert!(load_with(rift09, None).1.is_empty());
    // `ExistingClusterConfig` exists in `configs.py` but no SDK admits it in `repo.yaml`.
    let existing = "defaults:\n  batch_feature_view:\n    batch_compute: {kind: ExistingClusterConfig, existing_cluster_id: abc}\n";
    for v in ["0.8.0", "0.8", "0.9", "1.2"] {
        assert_eq!(single(existing, Some(v)).code, "TP105", "{v}");
    }
    let dataproc = "defaults:\n  batch_feature_view:\n    batch_compute: {kind: DataprocJsonClusterConfig, json: '{}'}\n";
    assert!(load_with(dataproc, Some("0.8.23")).1.is_empty());
    assert_eq!(single(dataproc, Some("1.2")).code, "TP105");
    assert!(load_with(dataproc, None).1.is_empty());

    // The kind of an aggregation leading edge is not AggregationLeadingEdge.
    let d = single(
        "defaults:\n  stream_feature_view:\n    aggregation_leading_edge: {kind: AggregationLeadingEdge}\n",
        Some("1.2"),
    );
    assert!(d
        .help
        .unwrap()
        .contains("`WallClockTime`, `LatestEventTime`"));

    // Not a mapping at all.
    let d = single(
        "defaults:\n  batch_feature_view:\n    batch_compute: DatabricksClusterConfig\n",
        Some("1.2"),
    );
    assert_eq!(d.code, "TP104");
    assert!(d.help.unwrap().contains("{kind: DatabricksClusterConfig}"));
}

#[test]
fn required_fields_of_a_kind() {
    let d = single(
        "defaults:\n  batch_feature_view:\n    batch_compute: {kind: DatabricksJsonClusterConfig}\n",
        Some("1.2"),
    );
    assert_eq!(d.code, "TP104");
    assert!(d.message.contains("`json` is required"), "{}", d.message);
}

// ---- never panic --------------------------------------------------------------------------------

/// A small deterministic generator (xorshift), so the mutations are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SEED_FILE: &str = "\
# starter config
defaults: &d
  batch_feature_view: &bfv
    tecton_materialization_runtime: 1.2.13
    environment: \"tecton-core-1.2.0\"
    batch_compute: {kind: DatabricksClusterConfig, spark_config: {a: b}, extra_pip_dependencies: [x, 'y']}
    offline_store:
      kind: OfflineStoreConfig
      staging_table_format: {kind: ParquetConfig}
  stream_feature_view:
    <<: *bfv
    stream_compute: {kind: RiftBatchConfig}
    aggregation_leading_edge: {kind: WallClockTime}
  feature_table: *bfv
  feature_service:
    realtime_environment: tecton-python-extended:0.4
  stream_source: {push_config: {ingest_server_group: g}}
repo_options: {isolate_function_deserialization: on}
# café ☕
";

#[test]
fn random_mutations_never_panic() {
    const PIECES: &[&str] = &[
        ":",
        "-",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a",
        "*a",
        "*bfv",
        "<<",
        "!!int",
        "!!str",
        "!",
        "'",
        "\"",
        "\n",
        "\t",
        " ",
        "  ",
        "#",
        "|",
        ">",
        "?",
        "---",
        "...",
        "%YAML 1.1\n",
        "1.0",
        "yes",
        "~",
        "kind:",
        "2024-02-30",
        "0x_",
        "é",
        "☕",
        "\u{1}",
        "\\",
        "=",
        "@",
        "`",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let versions = [
        None,
        Some("0.8.0"),
        Some("0.9"),
        Some("1.0.0"),
        Some("1.2.13"),
    ];
    for round in 0..600 {
        let mut text: Vec<char> = SEED_FILE.chars().collect();
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(text.len() + 1);
            match rng.below(4) {
                0 => {
                    let piece: Vec<char> = PIECES[rng.below(PIECES.len())].chars().collect();
                    text.splice(at..at, piece);
                }
                1 if at < text.len() => {
                    let len = (1 + rng.below(8)).min(text.len() - at);
                    text.drain(at..at + len);
                }
                2 if at < text.len() => {
                    let from = rng.below(text.len());
                    let len = (1 + rng.below(30)).min(text.len() - from);
                    let copy: Vec<char> = text[from..from + len].to_vec();
                    text.splice(at..at, copy);
                }
                _ if at < text.len() => {
                    text[at] = PIECES[rng.below(PIECES.len())]
                        .chars()
                        .next()
                        .unwrap_or('x');
                }
                _ => {}
            }
        }
        let text: String = text.into_iter().collect();
        let version = versions[round % versions.len()];
        let (_, diagnostics) = load_with(&text, version);
        for d in &diagnostics {
            let span = d.span.as_ref().expect("every finding has a place");
            assert!(
                span.start() <= span.end() && span.end() <= text.len(),
                "{text:?}: {d:?}"
            );
            assert!(text.is_char_boundary(span.start()) && text.is_char_boundary(span.end()));
        }
    }
}

#[test]
fn schema_data_covers_every_minor_and_the_patches_that_changed() {
    let versions: Vec<&str> = super::schema::schemas()
        .iter()
        .map(|s| s.version.as_str())
        .collect();
    for v in [
        "0.8.0", "0.8.23", "0.9.25", "1.0.0", "1.0.42", "1.1.20", "1.2.13", "1.3.0b4",
    ] {
        assert!(versions.contains(&v), "{v} missing from {versions:?}");
    }
    for s in super::schema::schemas() {
        assert!(s.root().is_some(), "{}", s.version);
    }
}

/// The schema file's versions are split by its layout, as a JSON reader splits them; another
/// layout is refused (then the JSON reader is used).
#[test]
fn schema_versions_split_as_json_reads_them() {
    use super::schema::{read_versions, split_versions, SCHEMA_JSON};
    let mut split = split_versions(SCHEMA_JSON).expect("the file has the extraction's layout");
    split.sort();
    assert_eq!(split, read_versions(SCHEMA_JSON));
    assert_eq!(split.len(), 8);
    for other in [
        "{\"0.8.0\": {}}",
        "{\n \"0.8.0\": {\n  \"a\": 1\n }\n}",
        "{\n  \"0.8.0\": {\n  }\n}\n",
        "{\n \"0.8.0\": {\n  \"a\": 1\n",
        "{\n \"0.8.0\": [\n ]\n}",
        "{\n \"0.8.0\": {\n \"1.0.0\": {\n }\n }\n}",
        "",
    ] {
        let text: &'static str = Box::leak(other.to_string().into_boxed_str());
        if other == "{\n \"0.8.0\": {\n  \"a\": 1\n }\n}" {
            assert_eq!(split_versions(text), Some(read_versions(text)), "{other}");
        } else {
            assert_eq!(split_versions(text), None, "{other}");
        }
    }
}

#[test]
fn build_time_values_are_tp107_at_the_value() {
    let text = "defaults:\n  batch_feature_view:\n    batch_compute:\n      kind: DatabricksClusterConfig\n      dbr_version: 10.4.x-scala2.12\n";
    let d = single(text, Some("1.2.13"));
    assert_eq!(d.code, "TP107");
    assert_eq!(d.severity(), Severity::Error);
    let span = d.span.clone().unwrap();
    assert_eq!(&text[span.start()..span.end()], "10.4.x-scala2.12");
    let help = d.help.unwrap();
    assert!(help.contains("`13.3.x-scala2.12`"), "{help}");
    assert!(!help.contains("`10.4.x-scala2.12`"), "{help}");
    // SDK 1.1 still supports it; with the SDK unknown, some version does.
    assert!(load_with(text, Some("1.1.20")).1.is_empty());
    assert!(load_with(text, None).1.is_empty());

    // An availability no version supports is reported even with the SDK unknown; an empty one is
    // skipped, as the SDK skips it.
    let typo = "defaults:\n  feature_table:\n    batch_compute: {kind: EMRClusterConfig, instance_availability: spot_fallback}\n";
    assert_eq!(single(typo, None).code, "TP107");
    assert_eq!(single(typo, Some("0.8.0")).code, "TP107");
    let empty = "defaults:\n  feature_table:\n    batch_compute: {kind: EMRClusterConfig, instance_availability: \"\"}\n";
    assert!(load_with(empty, Some("1.2")).1.is_empty());

    // SDK 0.8.0 reads a JSON cluster config without `json`, and fails building the view.
    let no_json = "defaults:\n  batch_feature_view:\n    batch_compute: {kind: DatabricksJsonClusterConfig}\n";
    assert_eq!(single(no_json, Some("0.8.0")).code, "TP107");
    assert_eq!(single(no_json, Some("0.8.23")).code, "TP104");
}

#[test]
fn documents_python_counts_as_false_are_empty_configs() {
    for text in [
        "[]\n",
        "0\n",
        "no\n",
        "\"\"\n",
        "!!set {}\n",
        "0.0\n",
        "{}\n",
    ] {
        let (config, diagnostics) = load_with(text, Some("1.2"));
        assert!(diagnostics.is_empty(), "{text}: {diagnostics:#?}");
        assert!(config.unwrap().sections.is_empty(), "{text}");
    }
    for text in ["- defaults\n", "1\n", "yes\n", "defaults\n"] {
        assert_eq!(single(text, Some("1.2")).code, "TP102", "{text}");
    }
}

#[test]
fn pydantic_v1_builds_a_section_from_a_list_of_pairs() {
    let text = "defaults:\n  batch_feature_view: [[tecton_materialization_runtime, \"1.0.7\"]]\n";
    let (config, diagnostics) = load_with(text, Some("1.2.13"));
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let runtime = config
        .unwrap()
        .defaults(Section::BatchFeatureView)
        .and_then(|d| d.runtime.clone())
        .unwrap();
    assert_eq!(runtime.value, "1.0.7");
    assert!(runtime.valid);
    // SDK 0.8.0's strict pydantic 2 models take only a mapping.
    let d = single(text, Some("0.8.0"));
    assert_eq!(d.code, "TP104");
    assert!(d.help.unwrap().contains("later versions also read"));
    // `true` is an int to typeguard, not to pydantic 2's strict mode.
    let workers = "defaults:\n  batch_feature_view:\n    batch_compute: {kind: DatabricksClusterConfig, number_of_workers: true}\n";
    assert!(load_with(workers, Some("0.8.23")).1.is_empty());
    assert_eq!(single(workers, Some("0.8.0")).code, "TP104");
}
