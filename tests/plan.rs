//! `plan` on small git repositories that the tests build and commit in temporary directories.

use std::path::Path;
use std::process::Command;

struct Repo {
    dir: tempfile::TempDir,
}

const REPO_YAML: &str = "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"1.2.10\"\n  stream_feature_view:\n    tecton_materialization_runtime: \"1.2.10\"\n";

fn stream_view(name: &str, extra: &str) -> String {
    format!(
        "from datetime import timedelta\nfrom tecton import stream_feature_view, Attribute\nfrom tecton.types import Float64\nfrom sources import events\nfrom entities import user\n\n@stream_feature_view(\n    source=events,\n    entities=[user],\n    mode=\"pyspark\",\n    timestamp_field=\"ts\",\n    features=[Attribute(\"amount\", Float64)],\n    {extra}\n)\ndef {name}(events):\n    return events\n"
    )
}

fn batch_view(name: &str, extra: &str) -> String {
    format!(
        "from datetime import timedelta\nfrom tecton import batch_feature_view, Attribute\nfrom tecton.types import Float64\nfrom sources import events\nfrom entities import user\n\n@batch_feature_view(\n    sources=[events],\n    entities=[user],\n    mode=\"spark_sql\",\n    timestamp_field=\"ts\",\n    batch_schedule=timedelta(days=1),\n    features=[Attribute(\"amount\", Float64)],\n    {extra}\n)\ndef {name}(events):\n    return f\"SELECT * FROM {{events}}\"\n"
    )
}

impl Repo {
    /// A git repository whose root (at `root`, "" for the top) holds a small SDK 1.2 repository.
    fn new(root: &str) -> Repo {
        let repo = Repo { dir: tempdir() };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.seed(root);
        repo
    }

    fn seed(&self, root: &str) {
        let at = |f: &str| {
            if root.is_empty() {
                f.to_string()
            } else {
                format!("{root}/{f}")
            }
        };
        self.write(&at(".tecton"), "");
        self.write(&at("requirements.txt"), "tecton[pyspark]~=1.2.0\n");
        self.write(&at("repo.yaml"), REPO_YAML);
        self.write(
            &at("entities.py"),
            "from tecton import Entity\nfrom tecton.types import Field, String\nuser = Entity(name=\"user\", join_keys=[Field(\"user_id\", String)])\n",
        );
        self.write(
            &at("sources.py"),
            "from tecton import StreamSource, KafkaConfig, HiveConfig\nevents = StreamSource(name=\"events\", stream_config=KafkaConfig(kafka_bootstrap_servers=\"k:9092\", topics=\"e\", timestamp_field=\"ts\", post_processor=None), batch_config=HiveConfig(database=\"d\", table=\"e\", timestamp_field=\"ts\"))\n",
        );
        self.write(
            &at("counts.py"),
            &stream_view("event_counts", "online=True,"),
        );
        self.write(
            &at("sums.py"),
            &stream_view("event_sums", "online=True, offline=True,"),
        );
        self.write(
            &at("pinned.py"),
            &stream_view(
                "event_pinned",
                "online=True, tecton_materialization_runtime=\"1.2.10\",",
            ),
        );
        self.write(
            &at("draft.py"),
            &stream_view("event_draft", "online=False,"),
        );
        self.write(&at("daily.py"), &batch_view("event_daily", "offline=True,"));
        self.commit("seed");
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, file: &str, text: &str) {
        let path = self.path().join(file);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn remove(&self, file: &str) {
        std::fs::remove_file(self.path().join(file)).expect("remove");
    }

    fn git(&self, args: &[&str]) {
        let status = Command::new("git")
            .args(args)
            .current_dir(self.path())
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
    }

    /// Runs `plan` with `args` in the repository; returns stdout, stderr and the exit code.
    fn plan(&self, args: &[&str]) -> (String, String, i32) {
        self.plan_with(args, &[])
    }

    /// `plan` with more environment variables.
    fn plan_with(&self, args: &[&str], env: &[(&str, &Path)]) -> (String, String, i32) {
        let output = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"))
            .envs(env.iter().copied())
            .arg("plan")
            .args(args)
            .current_dir(self.path())
            .env_remove("VIRTUAL_ENV")
            .env("HOME", std::env::temp_dir())
            .env("TECTON_PREFLIGHT_TODAY", "2026-11-24")
            .output()
            .expect("runs");
        (
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
            output.status.code().unwrap_or(-1),
        )
    }

    fn plan_json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let (out, err, _) = self.plan(&all);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"))
    }
}

/// `(action, name, stream_restart)` of every change.
fn actions(plan: &serde_json::Value) -> Vec<(String, String, String)> {
    plan["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["action"].as_str().unwrap_or_default().to_string(),
                c["name"].as_str().unwrap_or_default().to_string(),
                c["stream_restart"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

fn change<'a>(plan: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    plan["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .find(|c| c["name"] == name && c["kind"] != "transformation")
        .unwrap_or_else(|| panic!("no change for {name}: {plan}"))
}

fn s(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.into(), b.into(), c.into())
}

#[test]
fn a_repo_yaml_bump_restarts_every_inheriting_materialized_spark_stream_view() {
    let repo = Repo::new("");
    repo.write("repo.yaml", &REPO_YAML.replace("1.2.10", "1.2.13"));
    let plan = repo.plan_json(&[]);
    assert_eq!(
        actions(&plan),
        [
            s("update", "event_counts", "blue_green"),
            s("update", "event_daily", "-"),
            s("update", "event_draft", "-"),
            s("update", "event_sums", "blue_green"),
        ]
    );
    let field = &change(&plan, "event_counts")["fields"][0];
    assert_eq!(field["name"], "tecton_materialization_runtime");
    assert_eq!(field["old"], "1.2.10");
    assert_eq!(field["new"], "1.2.13");
    assert_eq!(field["origin"], "repo_config");
    assert_eq!(plan["summary"]["blue_green_restarts"], 2);
    assert_eq!(plan["summary"]["update"], 4);

    let (text, _, code) = repo.plan(&[]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("  ~ Update Stream Feature View event_counts"),
        "{text}"
    );
    assert!(
        text.contains("tecton_materialization_runtime: 1.2.10 -> 1.2.13  (from repo.yaml)"),
        "{text}"
    );
    assert!(text.contains("stream job: blue-green restart"), "{text}");
    assert!(
        text.ends_with("Plan: 0 to create, 4 to update, 0 to recreate, 0 to delete. Stream jobs: 2 blue-green restarts.\n"),
        "{text}"
    );
}

#[test]
fn an_explicit_bump_restarts_only_that_view() {
    let repo = Repo::new("");
    repo.write(
        "pinned.py",
        &stream_view(
            "event_pinned",
            "online=True, tecton_materialization_runtime=\"1.2.13\",",
        ),
    );
    let plan = repo.plan_json(&[]);
    assert_eq!(actions(&plan), [s("update", "event_pinned", "blue_green")]);
    assert_eq!(
        change(&plan, "event_pinned")["fields"][0]["origin"],
        "explicit"
    );
}

#[test]
fn a_batch_view_bump_is_an_update_without_restart() {
    let repo = Repo::new("");
    repo.write(
        "daily.py",
        &batch_view(
            "event_daily",
            "offline=True, tecton_materialization_runtime=\"1.2.13\",",
        ),
    );
    assert_eq!(
        actions(&repo.plan_json(&[])),
        [s("update", "event_daily", "-")]
    );
}

#[test]
fn create_delete_and_rename() {
    let repo = Repo::new("");
    repo.write("weekly.py", &batch_view("event_weekly", "offline=True,"));
    repo.remove("draft.py");
    repo.write(
        "sums.py",
        &stream_view("event_totals", "online=True, offline=True,"),
    );
    let plan = repo.plan_json(&[]);
    let mut got = actions(&plan);
    got.sort();
    assert_eq!(
        got,
        [
            s("create", "event_totals", "-"),
            s("create", "event_totals", "-"),
            s("create", "event_weekly", "-"),
            s("create", "event_weekly", "-"),
            s("delete", "event_draft", "-"),
            s("delete", "event_draft", "-"),
            s("delete", "event_sums", "-"),
            s("delete", "event_sums", "-"),
        ],
        "each view with its transformation"
    );
    let (text, _, _) = repo.plan(&[]);
    assert!(
        text.contains("  + Create Stream Feature View event_totals"),
        "{text}"
    );
    assert!(
        text.contains("  - Delete Stream Feature View event_sums"),
        "{text}"
    );
    assert!(
        text.contains("stream job: a new stream job starts"),
        "{text}"
    );
    assert!(
        text.contains("stream job: its stream job stops (the view is deleted)"),
        "{text}"
    );
}

#[test]
fn each_recreate_field_recreates_and_rebuilds_the_stream_job() {
    let cases = [
        ("ttl", "ttl=timedelta(days=30),"),
        (
            "stream_processing_mode",
            "stream_processing_mode=StreamProcessingMode.CONTINUOUS,",
        ),
        (
            "aggregation_interval",
            "aggregation_interval=timedelta(minutes=5),",
        ),
        ("entities", ""),
    ];
    for (field, extra) in cases {
        let repo = Repo::new("");
        let mut text = stream_view("event_sums", &format!("online=True, offline=True, {extra}"));
        if field == "entities" {
            text = text.replace("entities=[user],", "entities=[user, user],");
        }
        let text = text.replace(
            "from tecton import stream_feature_view",
            "from tecton import StreamProcessingMode, stream_feature_view",
        );
        repo.write("sums.py", &text);
        let plan = repo.plan_json(&[]);
        let sums = change(&plan, "event_sums");
        assert_eq!(sums["action"], "recreate", "{field}: {plan}");
        assert!(
            sums["stream_job"]
                .as_str()
                .unwrap_or_default()
                .contains("rebuilt"),
            "{field}"
        );
        assert_eq!(
            sums["stream_restart"],
            serde_json::Value::Null,
            "a recreate is no blue-green restart"
        );
    }
    let batch_cases = [
        ("batch_schedule", "timedelta(days=1)", "timedelta(hours=6)"),
        ("timestamp_field", "\"ts\"", "\"event_ts\""),
        ("mode", "\"spark_sql\"", "\"pyspark\""),
        (
            "features",
            "Attribute(\"amount\", Float64)",
            "Attribute(\"total\", Float64)",
        ),
        ("sources", "sources=[events]", "sources=[events, events]"),
    ];
    for (field, from, to) in batch_cases {
        let repo = Repo::new("");
        repo.write(
            "daily.py",
            &batch_view("event_daily", "offline=True,").replacen(from, to, 1),
        );
        let plan = repo.plan_json(&[]);
        let daily = change(&plan, "event_daily");
        assert_eq!(daily["action"], "recreate", "{field}: {plan}");
        assert_eq!(daily["fields"][0]["name"], field, "{plan}");
    }
}

#[test]
fn materialization_on_starts_and_off_stops_the_stream_job() {
    let repo = Repo::new("");
    repo.write("draft.py", &stream_view("event_draft", "online=True,"));
    repo.write("counts.py", &stream_view("event_counts", "online=False,"));
    let plan = repo.plan_json(&[]);
    assert_eq!(change(&plan, "event_draft")["action"], "update");
    assert!(change(&plan, "event_draft")["stream_job"]
        .as_str()
        .unwrap_or_default()
        .contains("starts"));
    assert_eq!(change(&plan, "event_counts")["action"], "recreate");
    assert!(change(&plan, "event_counts")["stream_job"]
        .as_str()
        .unwrap_or_default()
        .contains("stops"));
}

#[test]
fn an_unmaterialized_stream_view_does_not_restart() {
    let repo = Repo::new("");
    repo.write(
        "draft.py",
        &stream_view(
            "event_draft",
            "online=False, tecton_materialization_runtime=\"1.2.13\",",
        ),
    );
    assert_eq!(
        actions(&repo.plan_json(&[])),
        [s("update", "event_draft", "-")]
    );
}

#[test]
fn moving_files_without_changing_objects_is_no_change() {
    let repo = Repo::new("");
    let counts = std::fs::read_to_string(repo.path().join("counts.py")).expect("read");
    repo.remove("counts.py");
    repo.write("features/stream/counts.py", &format!("# moved\n\n{counts}"));
    let (text, _, code) = repo.plan(&["--detailed-exitcode"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.starts_with("No changes: the working tree defines the same objects as HEAD ("),
        "{text}"
    );
    // An empty plan is one sentence.
    assert!(!text.contains("Plan:"), "{text}");
}

#[test]
fn a_changed_function_body_recreates_the_view_and_rebuilds_its_job() {
    let repo = Repo::new("");
    let counts = std::fs::read_to_string(repo.path().join("counts.py")).expect("read");
    // A comment outside the function is not part of what Tecton serializes.
    repo.write("counts.py", &format!("# a comment\n{counts}"));
    repo.commit("comment");
    assert!(actions(&repo.plan_json(&[])).is_empty());
    repo.write(
        "counts.py",
        &counts.replace(
            "    return events\n",
            "    return events.filter(\"amount > 0\")\n",
        ),
    );
    let plan = repo.plan_json(&[]);
    let view = change(&plan, "event_counts");
    assert_eq!(view["action"], "recreate", "{plan}");
    assert_eq!(view["fields"][0]["name"], "pipeline");
    assert!(view["stream_job"]
        .as_str()
        .is_some_and(|j| j.contains("rebuilt")));
    // Its Transformation's user_function changes too.
    assert!(plan["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .any(|c| c["kind"] == "transformation" && c["fields"][0]["name"] == "user_function"));
    assert_eq!(plan["summary"]["stream_jobs_rebuilt"], 1);
}

#[test]
fn a_recreated_stream_source_rebuilds_the_jobs_that_read_it() {
    let repo = Repo::new("");
    let sources = std::fs::read_to_string(repo.path().join("sources.py")).expect("read");
    repo.write(
        "sources.py",
        &sources.replace("topics=\"e\"", "topics=\"e2\""),
    );
    let plan = repo.plan_json(&[]);
    assert_eq!(change(&plan, "events")["action"], "recreate");
    for name in ["event_counts", "event_sums", "event_pinned"] {
        let view = change(&plan, name);
        assert_eq!(view["action"], "recreate", "{name}: {plan}");
        assert_eq!(view["fields"][0]["name"], "dependency");
        assert!(view["stream_job"]
            .as_str()
            .is_some_and(|j| j.contains("rebuilt")));
    }
    // Not materialized: recreated, but no job to rebuild.
    assert!(change(&plan, "event_draft")["stream_job"].is_null());
    assert_eq!(plan["summary"]["stream_jobs_rebuilt"], 3);
    let (text, _, _) = repo.plan(&[]);
    assert!(
        text.contains("dependency: Stream Data Source events is recreated"),
        "{text}"
    );
    assert!(
        text.contains("Stream jobs: 0 blue-green restarts, 3 rebuilt."),
        "{text}"
    );
}

#[test]
fn in_place_arguments_update_and_compute_changes_may_restart() {
    let repo = Repo::new("");
    repo.write(
        "counts.py",
        &stream_view(
            "event_counts",
            "online=True, prevent_destroy=True, options={\"team\": \"ml\"},",
        ),
    );
    repo.write(
        "sums.py",
        &stream_view(
            "event_sums",
            "online=True, offline=True, stream_compute=DatabricksClusterConfig(number_of_workers=4),",
        )
        .replace("Attribute\n", "Attribute, DatabricksClusterConfig\n"),
    );
    let plan = repo.plan_json(&[]);
    let counts = change(&plan, "event_counts");
    assert_eq!(counts["action"], "update", "{plan}");
    assert!(counts["stream_job"].is_null());
    let sums = change(&plan, "event_sums");
    assert_eq!(sums["action"], "update", "{plan}");
    assert!(sums["stream_job"]
        .as_str()
        .is_some_and(|j| j.starts_with("may restart")));
    assert_eq!(plan["summary"]["stream_jobs_uncertain"], 1);
}

#[test]
fn writing_out_the_default_stream_processing_mode_is_no_change() {
    let repo = Repo::new("");
    let view = |extra: &str| {
        stream_view("event_counts", extra)
            .replace("Attribute(\"amount\", Float64)", "Aggregate(input_column=Field(\"amount\", Float64), function=\"sum\", time_window=timedelta(days=1))")
            .replace("import stream_feature_view, Attribute", "import stream_feature_view, Aggregate, StreamProcessingMode")
            .replace("import Float64", "import Float64, Field")
    };
    repo.write("counts.py", &view("online=True,"));
    repo.commit("aggregate");
    repo.write(
        "counts.py",
        &view("online=True, stream_processing_mode=StreamProcessingMode.TIME_INTERVAL,"),
    );
    assert!(actions(&repo.plan_json(&[])).is_empty());
    repo.write(
        "counts.py",
        &view("online=True, stream_processing_mode=StreamProcessingMode.CONTINUOUS,"),
    );
    assert_eq!(
        actions(&repo.plan_json(&[])),
        [s("recreate", "event_counts", "-")]
    );
}

#[test]
fn a_moved_root_is_the_same_repository() {
    let repo = Repo::new("features");
    repo.git(&["mv", "features", "feature_repo"]);
    let (text, _, code) = repo.plan(&["--detailed-exitcode"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("note: the root features of the base is now feature_repo"),
        "{text}"
    );
}

#[test]
fn an_invalid_base_repo_yaml_is_said_and_claims_no_restart() {
    let repo = Repo::new("");
    repo.write("repo.yaml", "defaults: [\n");
    repo.commit("broken");
    repo.write("repo.yaml", REPO_YAML);
    let plan = repo.plan_json(&[]);
    assert!(
        plan["notes"].as_array().expect("notes").iter().any(|n| n
            .as_str()
            .is_some_and(|n| n.contains("not a valid repo config"))),
        "{plan}"
    );
    assert_eq!(plan["summary"]["blue_green_restarts"], 0, "{plan}");
}

#[test]
fn a_view_whose_name_is_not_known_is_named_in_a_note() {
    let repo = Repo::new("");
    repo.write(
        "dynamic.py",
        &stream_view("dynamic_view", "online=True, name=os.environ[\"VIEW\"],")
            .replace("from datetime", "import os\nfrom datetime"),
    );
    let (text, _, _) = repo.plan(&[]);
    assert!(
        text.contains("note: the Stream Feature View at dynamic.py:8 has a name that is not known statically (TP002)"),
        "{text}"
    );
}

#[test]
fn detailed_exitcode_is_three_for_a_non_empty_plan() {
    let repo = Repo::new("");
    repo.write("repo.yaml", &REPO_YAML.replace("1.2.10", "1.2.13"));
    assert_eq!(repo.plan(&["--detailed-exitcode"]).2, 3);
    assert_eq!(repo.plan(&[]).2, 0);
}

#[test]
fn working_tree_errors_come_first_and_exit_one() {
    let repo = Repo::new("");
    repo.write("repo.yaml", &REPO_YAML.replace("1.2.10", "1.1.20"));
    let (text, _, code) = repo.plan(&["--detailed-exitcode"]);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.starts_with(
            "The working tree has 2 error(s); `tecton apply` would fail:\n  repo.yaml:3:37: TP202"
        ),
        "{text}"
    );
    assert!(
        text.contains("Stream jobs: 2 blue-green restarts."),
        "the plan still follows: {text}"
    );
}

#[test]
fn several_roots_are_planned_each_against_its_own_base() {
    let repo = Repo::new("spark");
    repo.seed("rift");
    repo.write("spark/repo.yaml", &REPO_YAML.replace("1.2.10", "1.2.13"));
    let plan = repo.plan_json(&[]);
    let files: Vec<&str> = plan["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| c["file"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(files.len(), 4, "{plan}");
    assert!(files.iter().all(|f| f.starts_with("spark/")), "{files:?}");
    assert_eq!(plan["summary"]["blue_green_restarts"], 2);
}

#[test]
fn a_base_revision_that_does_not_exist_is_a_usage_error() {
    let repo = Repo::new("");
    let (out, err, code) = repo.plan(&["--base", "no-such-branch"]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("the base revision `no-such-branch` does not exist"),
        "{err}"
    );
}

#[test]
fn outside_git_the_error_names_both_options() {
    let dir = tempdir();
    std::fs::write(dir.path().join(".tecton"), "").expect("marker");
    let output = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"))
        .args(["plan", "."])
        .current_dir(dir.path())
        .env("HOME", std::env::temp_dir())
        .env(
            "GIT_CEILING_DIRECTORIES",
            dir.path().parent().expect("parent"),
        )
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("--base-snapshot") && err.contains("--base REF"),
        "{err}"
    );
}

#[test]
fn a_base_whose_files_do_not_parse_plans_their_objects_as_new() {
    let repo = Repo::new("");
    repo.write("counts.py", "def broken(:\n");
    repo.commit("break it");
    repo.write("counts.py", &stream_view("event_counts", "online=True,"));
    let (text, _, code) = repo.plan(&[]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("note: in the base, counts.py: syntax error"),
        "{text}"
    );
    assert!(
        text.contains("  + Create Stream Feature View event_counts"),
        "{text}"
    );
}

#[test]
fn a_snapshot_base_compares_runtimes_and_materialization() {
    let repo = Repo::new("");
    let output = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"))
        .args(["check", ".", "--format", "json"])
        .current_dir(repo.path())
        .env_remove("VIRTUAL_ENV")
        .output()
        .expect("runs");
    std::fs::write(repo.path().join("snapshot.json"), &output.stdout).expect("write");
    repo.write("repo.yaml", &REPO_YAML.replace("1.2.10", "1.2.13"));
    let plan = repo.plan_json(&["--base-snapshot", "snapshot.json"]);
    assert_eq!(plan["base"]["kind"], "snapshot");
    assert_eq!(plan["summary"]["blue_green_restarts"], 2, "{plan}");
}

#[test]
fn a_snapshot_of_several_roots_matches_each_root_wherever_the_plan_runs() {
    let repo = Repo::new("spark");
    repo.seed("rift");
    let output = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"))
        .args(["check", ".", "--format", "json"])
        .current_dir(repo.path())
        .env_remove("VIRTUAL_ENV")
        .output()
        .expect("runs");
    std::fs::write(repo.path().join("snapshot.json"), &output.stdout).expect("write");
    // Planned from the top for one root: the other root is not part of the plan.
    let plan = repo.plan_json(&["rift", "--base-snapshot", "snapshot.json"]);
    assert!(actions(&plan).is_empty(), "{plan}");
    assert!(plan["notes"][0]
        .as_str()
        .is_some_and(|n| n.contains("spark") && n.contains("not compared")));
    // Planned from inside the root: matched by the end of its path.
    let output = Command::new(env!("CARGO_BIN_EXE_tecton-preflight"))
        .args([
            "plan",
            "--format",
            "json",
            "--base-snapshot",
            "../snapshot.json",
        ])
        .current_dir(repo.path().join("rift"))
        .env_remove("VIRTUAL_ENV")
        .output()
        .expect("runs");
    let plan: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert!(actions(&plan).is_empty(), "{plan}");
}

#[test]
fn a_git_ignored_repo_yaml_and_marker_stand_in_for_the_base() {
    let repo = Repo::new("");
    repo.write(".gitignore", ".tecton\nrepo.yaml\n");
    repo.git(&["rm", "-q", "--cached", ".tecton", "repo.yaml"]);
    repo.commit("ignore the generated files, as the sample repository does");
    repo.write("repo.yaml", &REPO_YAML.replace("1.2.10", "1.2.13"));
    let plan = repo.plan_json(&[]);
    assert_eq!(
        plan["summary"]["update"], 0,
        "the same ignored repo.yaml applies to both sides: {plan}"
    );
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
fn an_sdk_upgrade_is_shown_and_recreates_during_it_refuse_the_apply() {
    let repo = Repo::new("");
    repo.write("requirements.txt", "tecton[pyspark]~=1.1.0\n");
    repo.write("repo.yaml", &REPO_YAML.replace("1.2.10", "1.1.20"));
    repo.commit("on SDK 1.1");
    repo.write("requirements.txt", "tecton[pyspark]~=1.2.0\n");
    repo.write("repo.yaml", REPO_YAML);
    let (text, _, code) = repo.plan(&[]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("  ~ Update SDK Version: 1.1 -> 1.2\n"),
        "{text}"
    );
    assert!(
        !text.contains("destructive changes are not allowed"),
        "no recreate, no refusal: {text}"
    );
    assert!(
        text.contains("Stream jobs: 2 blue-green restarts."),
        "{text}"
    );
    let plan = repo.plan_json(&[]);
    assert_eq!(plan["sdk_changes"][0]["old"], "1.1");
    assert_eq!(plan["sdk_changes"][0]["new"], "1.2");
    assert_eq!(plan["apply_blocked"], false, "{plan}");
    assert_eq!(
        plan["sdk_changes"][0]["blocking_recreates"],
        serde_json::json!([])
    );

    // The same apply recreating a view: Tecton refuses it, so the plan fails, naming the view.
    repo.write(
        "daily.py",
        &batch_view("event_daily", "offline=True, ttl=timedelta(days=3),"),
    );
    for args in [&[][..], &["--detailed-exitcode"][..]] {
        let (text, _, code) = repo.plan(args);
        assert_eq!(code, 1, "{args:?}: {text}");
        assert!(
            text.contains("error: Tecton refuses this apply: destructive changes are not allowed while the SDK version changes")
                && text.contains("        Batch Feature View event_daily  (daily.py:7)\n"),
            "{text}"
        );
    }
    let plan = repo.plan_json(&[]);
    assert_eq!(plan["apply_blocked"], true, "{plan}");
    assert_eq!(
        plan["sdk_changes"][0]["blocking_recreates"],
        serde_json::json!([{"kind": "batch_feature_view", "name": "event_daily", "file": "daily.py", "line": 7}]),
        "{plan}"
    );

    // Without the SDK change, the same recreate applies.
    repo.write("requirements.txt", "tecton[pyspark]~=1.1.0\n");
    repo.write("repo.yaml", &REPO_YAML.replace("1.2.10", "1.1.20"));
    let (text, _, code) = repo.plan(&[]);
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("Tecton refuses"), "{text}");
}

#[test]
fn the_field_that_forces_a_recreate_is_marked() {
    let repo = Repo::new("");
    repo.write(
        "daily.py",
        &batch_view(
            "event_daily",
            "offline=True, ttl=timedelta(days=3), description=\"daily\", tecton_materialization_runtime=\"1.2.13\",",
        ),
    );
    let (text, _, _) = repo.plan(&[]);
    assert!(
        text.contains("      ttl: (not set) -> timedelta(days=3)  # forces replacement\n"),
        "{text}"
    );
    assert!(
        text.contains("      description: (not set) -> \"daily\"\n"),
        "an in-place field is not marked, and an unset value says so: {text}"
    );
    assert!(
        text.contains("      tecton_materialization_runtime: 1.2.10 -> 1.2.13\n"),
        "{text}"
    );
    let plan = repo.plan_json(&[]);
    let fields = plan["changes"][0]["fields"].as_array().expect("fields");
    let forces = |name: &str| {
        fields
            .iter()
            .find(|f| f["name"] == name)
            .map(|f| f["forces_replacement"].clone())
    };
    assert_eq!(forces("ttl"), Some(serde_json::json!(true)), "{plan}");
    assert_eq!(
        forces("description"),
        Some(serde_json::json!(false)),
        "{plan}"
    );
    assert_eq!(
        forces("tecton_materialization_runtime"),
        Some(serde_json::json!(false)),
        "{plan}"
    );

    // A recreated data source recreates its views through the dependency line.
    repo.write("daily.py", &batch_view("event_daily", "offline=True,"));
    repo.write(
        "sources.py",
        "from tecton import StreamSource, KafkaConfig, HiveConfig\nevents = StreamSource(name=\"events\", stream_config=KafkaConfig(kafka_bootstrap_servers=\"k:9092\", topics=\"e\", timestamp_field=\"ts\", post_processor=None), batch_config=HiveConfig(database=\"d\", table=\"e2\", timestamp_field=\"ts\"))\n",
    );
    let (text, _, _) = repo.plan(&[]);
    assert!(
        text.contains(
            "      dependency: Stream Data Source events is recreated  # forces replacement\n"
        ),
        "{text}"
    );
}

#[test]
fn a_base_with_a_symlinked_repo_yaml_and_non_utf8_names_is_read_whole() {
    use std::os::unix::ffi::OsStrExt;
    let repo = Repo::new("");
    std::fs::create_dir_all(repo.path().join("conf")).expect("mkdir");
    std::fs::rename(
        repo.path().join("repo.yaml"),
        repo.path().join("conf/repo.yaml"),
    )
    .expect("move");
    std::os::unix::fs::symlink("conf/repo.yaml", repo.path().join("repo.yaml")).expect("link");
    // Its object is built by a factory of another file, where Tecton records it: built in the
    // file itself, it would raise (the name is not UTF-8).
    repo.write(
        "factory.py",
        "from tecton import Entity\nfrom tecton.types import Field, String\n\ndef entity(name, key):\n    return Entity(name=name, join_keys=[Field(key, String)])\n",
    );
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.py");
    std::fs::write(
        repo.path().join(name),
        "from factory import entity\nstore = entity(\"store\", \"store_id\")\n",
    )
    .expect("write");
    repo.commit("linked config, latin-1 file name");
    let (text, _, code) = repo.plan(&["--detailed-exitcode"]);
    assert_eq!(code, 0, "{text}");
    assert!(text.starts_with("No changes"), "{text}");
}

#[test]
fn markdown_puts_the_summary_first_and_says_when_tecton_refuses_the_apply() {
    let repo = Repo::new("");
    repo.write("requirements.txt", "tecton[pyspark]~=1.1.0\n");
    repo.write("repo.yaml", &REPO_YAML.replace("1.2.10", "1.1.20"));
    repo.commit("on SDK 1.1");
    repo.write("requirements.txt", "tecton[pyspark]~=1.2.0\n");
    repo.write("repo.yaml", REPO_YAML);
    repo.write(
        "daily.py",
        &batch_view("event_daily", "offline=True, ttl=timedelta(days=3),"),
    );
    repo.remove("draft.py");
    let (md, err, code) = repo.plan(&["--format", "markdown"]);
    assert_eq!(code, 1, "the apply is refused: {md}{err}");
    let mut lines = md.lines();
    assert_eq!(lines.next(), Some("<!-- tecton-preflight-plan -->"));
    assert_eq!(lines.next(), Some("### tecton-preflight plan"));
    assert_eq!(lines.next(), Some(""));
    assert_eq!(
        lines.next(),
        Some("**Plan: 0 to create, 2 to update, 1 to recreate, 2 to delete. Stream jobs: 2 blue-green restarts.**")
    );
    assert!(
        md.contains("> [!CAUTION]\n> **Tecton refuses this apply**: destructive changes are not allowed while the SDK version changes. Apply these recreates before or after the upgrade:\n> - Batch Feature View <code>event_daily</code> (<code>daily.py:7</code>)\n"),
        "{md}"
    );
    assert!(md.contains("**SDK version**\n\n- 1.1 → 1.2\n"), "{md}");
    // Every stream job the apply touches is a row; the unmaterialized draft's deletion is none.
    assert!(
        md.contains("| Stream Feature View | Stream job | Defined at |\n|---|---|---|\n| <code>event_counts</code> | blue-green restart"),
        "{md}"
    );
    assert_eq!(md.matches("| blue-green restart").count(), 2, "{md}");
    assert!(!md.contains("| <code>event_draft</code>"), "{md}");
    // The recreate, collapsed, with the field that forces it.
    assert!(
        md.contains("<details><summary><code>~ Recreate (destructive)</code> Batch Feature View <code>event_daily</code> (<code>daily.py:7</code>)</summary>\n\n```text\n")
            && md.contains("ttl: (not set) -> timedelta(days=3)  # forces replacement\n```\n\n</details>\n"),
        "{md}"
    );
    // A deletion has nothing to expand.
    assert!(
        md.contains("<p><code>- Delete</code> Stream Feature View <code>event_draft</code> (<code>draft.py:7</code>)</p>\n"),
        "{md}"
    );

    // The text form's summary is the same line.
    let (text, _, _) = repo.plan(&[]);
    assert!(
        text.contains("Plan: 0 to create, 2 to update, 1 to recreate, 2 to delete. Stream jobs: 2 blue-green restarts.\n"),
        "{text}"
    );

    // An empty plan is one sentence.
    repo.commit("applied");
    let (md, _, code) = repo.plan(&["--format", "markdown"]);
    assert_eq!(code, 0, "{md}");
    assert!(
        md.contains(
            "**No changes**: the working tree defines the same objects as <code>HEAD</code> ("
        ),
        "{md}"
    );
    assert!(!md.contains("<details>"), "{md}");
}

#[test]
fn markdown_places_each_change_under_its_root_and_shows_values_as_written() {
    let repo = Repo::new("spark");
    repo.seed("rift");
    repo.write(
        "rift/counts.py",
        &stream_view("event_counts", "online=True, description=\"a <b>|c</b>\","),
    );
    let (md, err, code) = repo.plan(&["--format", "markdown"]);
    assert_eq!(code, 0, "{md}{err}");
    assert!(
        md.contains("<details><summary><code>~ Update</code> Stream Feature View <code>event_counts</code> (<code>rift/counts.py:7</code>)</summary>\n\n```text\ndescription: (not set) -> \"a <b>|c</b>\"\n```"),
        "inside a code block the value is as written: {md}"
    );
    assert!(!md.contains("spark/counts.py"), "{md}");
}

#[test]
fn default_compute_decides_the_restart_of_a_view_whose_code_does_not() {
    let repo = Repo::new("");
    repo.write(
        "counts.py",
        &stream_view("event_counts", "online=True,").replace("mode=\"pyspark\"", "mode=\"pandas\""),
    );
    repo.commit("pandas mode");
    repo.write("repo.yaml", &REPO_YAML.replace("1.2.10", "1.2.13"));
    let restart = |args: &[&str]| {
        let plan = repo.plan_json(args);
        let c = change(&plan, "event_counts");
        (
            c["stream_restart"].as_str().unwrap_or("-").to_string(),
            c["stream_job"].as_str().unwrap_or("-").to_string(),
        )
    };
    let (kind, job) = restart(&[]);
    assert_eq!(kind, "-");
    assert!(
        job.starts_with("may restart: a blue-green restart if it runs on Spark"),
        "{job}"
    );
    // `--default-compute` is applied to both sides, as for `check`.
    assert_eq!(restart(&["--default-compute", "spark"]).0, "blue_green");
    let (kind, job) = restart(&["--default-compute", "rift"]);
    assert_eq!(
        (kind.as_str(), job.as_str()),
        ("-", "-"),
        "a runtime does not run a Rift job"
    );
}

/// The roots of the plan's JSON with an SDK change, with the old and new versions.
fn sdk_changes(plan: &serde_json::Value) -> Vec<(String, String, String)> {
    plan["sdk_changes"]
        .as_array()
        .expect("sdk_changes")
        .iter()
        .map(|c| {
            let text = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
            (text(&c["root"]), text(&c["old"]), text(&c["new"]))
        })
        .collect()
}

#[test]
fn a_root_beside_changed_ones_keeps_its_objects_and_an_untracked_or_ignored_module_counts() {
    let repo = Repo::new("spark");
    repo.seed("rift");
    repo.write(".gitignore", "generated/\n");
    repo.commit("ignore generated code");
    // Not added to git, and git-ignored: Tecton imports both all the same.
    repo.write(
        "rift/weekly.py",
        &batch_view("event_weekly", "offline=True,"),
    );
    repo.write(
        "spark/generated/monthly.py",
        &batch_view("event_monthly", "offline=True,"),
    );
    let plan = repo.plan_json(&[]);
    assert_eq!(
        actions(&plan),
        [
            s("create", "event_weekly", "-"),
            s("create", "event_weekly", "-"),
            s("create", "event_monthly", "-"),
            s("create", "event_monthly", "-")
        ],
        "a view and its transformation in each root: {plan}"
    );
    // Unchanged, both roots plan nothing.
    repo.remove("rift/weekly.py");
    repo.remove("spark/generated/monthly.py");
    assert_eq!(actions(&repo.plan_json(&[])), []);
}

#[test]
fn a_pin_above_the_root_or_included_from_outside_it_is_read_on_both_sides() {
    let repo = Repo::new("a");
    repo.seed("b");
    repo.remove("a/requirements.txt");
    repo.write("requirements.txt", "tecton[pyspark]~=1.2.0\n");
    repo.write("shared/pins.txt", "tecton[pyspark]~=1.2.0\n");
    repo.write("b/requirements.txt", "-r ../shared/pins.txt\n");
    repo.commit("pins outside the roots");
    assert_eq!(sdk_changes(&repo.plan_json(&[])), []);
    repo.write("requirements.txt", "tecton[pyspark]~=1.1.0\n");
    assert_eq!(
        sdk_changes(&repo.plan_json(&[])),
        [("a".into(), "1.2".into(), "1.1".into())]
    );
    repo.write("requirements.txt", "tecton[pyspark]~=1.2.0\n");
    repo.write("shared/pins.txt", "tecton[pyspark]~=1.1.0\n");
    assert_eq!(
        sdk_changes(&repo.plan_json(&[])),
        [("b".into(), "1.2".into(), "1.1".into())]
    );
}

/// Roots `a`, `b` and `c`, where `take` (a function of the repository) makes `a` read b's pin;
/// then `a` changes and `b` does not: the plan must still see b's pin in a's base.
fn plan_a_root_that_reads_an_unchanged_one(take: impl Fn(&Repo)) -> serde_json::Value {
    let repo = Repo::new("a");
    repo.seed("b");
    take(&repo);
    repo.commit("a takes b's pin");
    repo.write(
        "a/daily.py",
        &batch_view("event_daily", "offline=True, owner=\"x\","),
    );
    repo.plan_json(&[])
}

#[test]
fn a_changed_root_still_reads_what_it_includes_from_an_unchanged_one() {
    let plan = plan_a_root_that_reads_an_unchanged_one(|repo| {
        repo.write("a/requirements.txt", "-r ../b/requirements.txt\n");
    });
    assert_eq!(sdk_changes(&plan), [], "{plan}");
    assert_eq!(actions(&plan), [s("update", "event_daily", "-")], "{plan}");
}

#[test]
fn a_changed_root_still_reads_a_pin_it_links_to_in_an_unchanged_one() {
    let plan = plan_a_root_that_reads_an_unchanged_one(|repo| {
        std::fs::remove_file(repo.path().join("a/requirements.txt")).expect("rm");
        std::os::unix::fs::symlink(
            "../b/requirements.txt",
            repo.path().join("a/requirements.txt"),
        )
        .expect("symlink");
    });
    assert_eq!(sdk_changes(&plan), [], "{plan}");
    assert_eq!(actions(&plan), [s("update", "event_daily", "-")], "{plan}");
}

#[test]
fn an_unchanged_root_keeps_the_notes_its_base_gives() {
    let repo = Repo::new("a");
    repo.seed("b");
    repo.seed("c");
    repo.write("b/repo.yaml", "defaults: [\n");
    repo.write("c/broken.py", "def broken(:\n");
    repo.commit("b and c are broken on both sides");
    repo.write(
        "a/daily.py",
        &batch_view("event_daily", "offline=True, owner=\"x\","),
    );
    let plan = repo.plan_json(&[]);
    let notes: Vec<&str> = plan["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .filter_map(|n| n.as_str())
        .collect();
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("in the base, c/broken.py: syntax error")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("in the base, b/repo.yaml is not a valid repo config")),
        "{notes:?}"
    );
    assert_eq!(actions(&plan), [s("update", "event_daily", "-")], "{plan}");
}

#[test]
fn a_base_revision_other_than_head_compares_the_roots_changed_since() {
    let repo = Repo::new("a");
    repo.seed("b");
    repo.write("b/repo.yaml", &REPO_YAML.replace("1.2.10", "1.2.13"));
    repo.commit("b on 1.2.13");
    // The working tree is HEAD: against HEAD~1, `b` changed and `a` did not.
    assert_eq!(actions(&repo.plan_json(&[])), []);
    let plan = repo.plan_json(&["--base", "HEAD~1"]);
    assert_eq!(plan["summary"]["blue_green_restarts"], 2, "{plan}");
    let files: Vec<&str> = plan["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| c["file"].as_str().unwrap_or_default())
        .collect();
    assert!(files.iter().all(|f| f.starts_with("b/")), "{files:?}");
}

#[test]
fn the_base_reads_the_tool_config_it_had() {
    // `sdk-version` in `tecton-preflight.toml` sets the SDK on both sides: an unchanged file is no
    // SDK change, and a changed one is the change it is.
    let repo = Repo::new("");
    repo.write("tecton-preflight.toml", "sdk-version = \"1.2.13\"\n");
    repo.commit("settings");
    let (out, err, code) = repo.plan(&["--base", "HEAD"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("Update SDK Version"), "{out}");
    repo.write("tecton-preflight.toml", "sdk-version = \"1.2.10\"\n");
    let (out, _, _) = repo.plan(&["--base", "HEAD"]);
    assert!(
        out.contains("~ Update SDK Version: 1.2.13 -> 1.2.10"),
        "{out}"
    );
}

#[test]
fn a_temporary_directory_below_a_hidden_folder_does_not_hide_the_base() {
    // Tecton skips every path holding `/.`: a base laid out below `~/.cache/tmp` would define
    // nothing, and every object would show as created.
    let repo = Repo::new("");
    let hidden = repo.path().join(".cache").join("tmp");
    std::fs::create_dir_all(&hidden).expect("mkdir");
    let (out, err, code) = repo.plan_with(&["--base", "HEAD"], &[("TMPDIR", &hidden)]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("No changes"), "{out}");
    // A changed root has its base laid out.
    repo.write(
        "daily.py",
        &batch_view("event_daily", "offline=True, online=True,"),
    );
    let (out, err, _) = repo.plan_with(&["--base", "HEAD"], &[("TMPDIR", &hidden)]);
    assert!(
        out.contains("Plan: 0 to create, 1 to update, 0 to recreate, 0 to delete."),
        "{out}{err}"
    );
}

#[test]
fn a_crafted_base_tree_writes_nothing_outside_its_directory() {
    // A tree git would not check out, but that a fetch can bring: a link `linked.py` to a folder elsewhere
    // and a file `linked.py/f.py` (written through the link, it would land in that folder).
    let repo = Repo::new("");
    let outside = tempfile::tempdir().expect("tempdir");
    let git = |args: &[&str], input: &str| -> String {
        let mut child = Command::new("git")
            .args(args)
            .current_dir(repo.path())
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.com")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.com")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("git runs");
        std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), input.as_bytes())
            .expect("write");
        let output = child.wait_with_output().expect("git ends");
        assert!(output.status.success(), "git {args:?}");
        String::from_utf8(output.stdout)
            .expect("UTF-8")
            .trim()
            .to_string()
    };
    let file = git(&["hash-object", "-w", "--stdin"], "x = 1\n");
    let link = git(
        &["hash-object", "-w", "--stdin"],
        &outside.path().to_string_lossy(),
    );
    let sub = git(&["mktree"], &format!("100644 blob {file}\tf.py\n"));
    let head = git(&["ls-tree", "HEAD"], "");
    let tree = git(
        &["mktree"],
        &format!("{head}\n120000 blob {link}\tlinked.py\n040000 tree {sub}\tlinked.py\n"),
    );
    let crafted = git(&["commit-tree", &tree, "-p", "HEAD", "-m", "crafted"], "");
    // A change, so that the base's root is laid out rather than taken from the working tree.
    repo.write("more.py", "y = 2\n");
    repo.commit("more");
    let (out, err, code) = repo.plan(&["--base", &crafted]);
    assert!(code == 0 || code == 1, "{out}{err}");
    assert!(
        !outside.path().join("f.py").exists(),
        "the base wrote through its link"
    );
}

#[test]
fn a_marker_or_repo_yaml_supplied_to_the_base_is_never_written_through_a_link() {
    // The revision holds `.tecton` and `repo.yaml` as links that lead out of the repository to
    // nothing; the working tree holds both as files, `repo.yaml` git-ignored: the base is given
    // neither through its links.
    let repo = Repo::new("");
    let outside = tempfile::tempdir().expect("tempdir");
    for name in [".tecton", "repo.yaml"] {
        repo.remove(name);
        std::os::unix::fs::symlink(outside.path().join(name), repo.path().join(name))
            .expect("link");
    }
    repo.commit("links");
    for name in [".tecton", "repo.yaml"] {
        repo.remove(name);
    }
    repo.write(".tecton", "");
    repo.write("repo.yaml", REPO_YAML);
    repo.write(".gitignore", "repo.yaml\n");
    let (out, err, code) = repo.plan(&[]);
    assert!(code == 0 || code == 1, "{out}{err}");
    for name in [".tecton", "repo.yaml"] {
        assert!(
            !outside.path().join(name).exists(),
            "{name} was written through the base's link"
        );
    }
}

#[test]
fn unpinned_stream_views_are_the_materialized_ones_without_a_runtime() {
    let repo = Repo::new("");
    // Only batch views get a runtime from the repo config: the stream views without their own
    // have none.
    repo.write(
        "repo.yaml",
        "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"1.2.10\"\n",
    );
    let plan = repo.plan_json(&["--base", "HEAD"]);
    let listed: Vec<(&str, bool)> = plan["unpinned_stream_views"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|u| {
            (
                u["name"].as_str().expect("name"),
                u["runtime_required"].as_bool().expect("flag"),
            )
        })
        .collect();
    // Not `event_pinned` (its own runtime), `event_draft` (not materialized) or `event_daily`
    // (a batch view).
    assert_eq!(
        listed,
        [("event_counts", true), ("event_sums", true)],
        "{plan}"
    );
    let (out, _, _) = repo.plan(&["--base", "HEAD"]);
    assert!(
        out.contains("without a runtime (TP201") && out.contains("event_counts (counts.py:"),
        "{out}"
    );
}
