//! The apply plan: the objects of a base (a git revision or a snapshot) against those of the working
//! tree, both resolved exactly as `check` resolves them. Objects are matched by root, kind and name;
//! each is created, deleted, updated in place or recreated, with a line per changed field, and every
//! Stream Feature View whose running job the apply would touch says how.

pub mod base;
mod reuse;
pub mod run;
pub mod snapshot;

use std::collections::BTreeMap;

use crate::model::{Compute, Kind, Origin, TectonObject};

/// How `tecton apply` changes an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Create,
    Update,
    Recreate,
    Delete,
}

/// What happens to a stream view's running job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StreamJob {
    /// Its effective runtime changes: a zero-downtime blue-green restart.
    BlueGreen,
    /// It becomes materialized: a new job starts.
    Starts,
    /// It stops being materialized, or is deleted: its job stops.
    Stops,
    /// It is recreated while materialized: the job is rebuilt, checkpoints and backfill redone.
    Rebuilt,
    /// Materialized with no pinned runtime: it follows Tecton's weekly blue-green releases.
    Unpinned,
    /// Something that may or may not restart it, and why it is not known.
    Unknown(String),
}

/// One object as the plan compares it.
#[derive(Clone, Debug)]
pub struct PlanObject {
    pub kind: Kind,
    pub name: String,
    /// Relative to its root.
    pub file: String,
    pub line: usize,
    pub materialized: Option<bool>,
    pub compute: Compute,
    /// Field name -> (rendered value, where it came from). Absent fields are not set.
    pub fields: BTreeMap<String, (String, Option<Origin>)>,
    /// The objects of the root it refers to (its sources, entities, transformations).
    pub refs: Vec<(Kind, String)>,
}

/// One changed field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub name: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// `Some(RepoConfig)` when the new (or, for a removal, the old) value comes from `repo.yaml`.
    pub origin: Option<Origin>,
    /// This change alone makes the object a recreate (Terraform's `# forces replacement`).
    pub forces_replacement: bool,
}

#[derive(Clone, Debug)]
pub struct Change {
    pub action: Action,
    pub kind: Kind,
    pub name: String,
    pub root: String,
    pub file: String,
    pub line: usize,
    pub fields: Vec<FieldChange>,
    pub stream_job: Option<StreamJob>,
}

/// The fields that `tecton apply` changes in place (the `diff_options` of
/// the args protos, `INPLACE`). Every other argument that changes recreates the object: that is
/// the protos' default (`RECREATE`), and the strategy of `entities`, `ttl`, `pipeline`,
/// `user_function`, the data source configs, `join_keys`, `timestamp_field`, `batch_schedule`,
/// `stream_processing_mode`, the features and the stores. `online` and `offline` are decided apart.
const IN_PLACE: &[&str] = &[
    "tecton_materialization_runtime",
    "environment",
    "description",
    "owner",
    "tags",
    "prevent_destroy",
    "options",
    "cache_config",
    "secrets",
    "data_quality_config",
    "feature_start_time",
    "manual_trigger_backfill_end_time",
    "max_backfill_interval",
    "max_batch_aggregation_interval",
    "monitoring",
    "monitor_freshness",
    "alert_email",
    "expected_feature_freshness",
    "batch_trigger",
    "run_transformation_validation",
    "transform_server_group",
    "feature_server_group",
    "aggregation_leading_edge",
    "batch_compute",
    "stream_compute",
    "online_serving_enabled",
    "enable_online_caching",
    "publish_full_features",
    "publish_start_time",
    "environments",
    "required_packages",
    "docstring",
];

/// The settings `check` resolves (with their `repo.yaml` defaults): compared as resolved, not as
/// written, and shown first.
const RESOLVED: [&str; 4] = [
    "tecton_materialization_runtime",
    "environment",
    "online",
    "offline",
];

/// The name a field is compared under (older SDKs spell some arguments differently).
/// The field an argument sets: an argument the SDK renamed sets the same field under both names
/// (`on_demand_environment` is `realtime_environment` from 1.0, with a warning; the decorators
/// take `batch_compaction_enabled` for `compaction_enabled`), so renaming it changes nothing.
fn canonical(field: &str) -> &str {
    match field {
        "source" => "sources",
        "aggregation_mode" => "stream_processing_mode",
        "on_demand_environment" => "realtime_environment",
        "max_batch_aggregation_interval" => "max_backfill_interval",
        "batch_compaction_enabled" => "compaction_enabled",
        "stream_compaction_enabled" => "stream_tiling_enabled",
        other => other,
    }
}

fn recreates(field: &str) -> bool {
    !IN_PLACE.contains(&field)
}

impl PlanObject {
    /// The plan's view of a resolved object; `None` for objects whose name is not known.
    pub fn from_object(
        object: &TectonObject,
        root: &std::path::Path,
        line: usize,
    ) -> Option<PlanObject> {
        let name = object.name.clone()?;
        let mut fields = BTreeMap::new();
        if let Some(runtime) = &object.runtime {
            fields.insert(
                "tecton_materialization_runtime".to_string(),
                (runtime.value.clone(), Some(runtime.origin)),
            );
        }
        if let Some(environment) = &object.environment {
            fields.insert(
                "environment".to_string(),
                (environment.value.clone(), Some(environment.origin)),
            );
        }
        if object.kind.is_materializable() {
            for (key, value) in [("online", object.online), ("offline", object.offline)] {
                let text = match value {
                    Some(true) => "True",
                    Some(false) => "False",
                    None => "<unknown>",
                };
                fields.insert(key.to_string(), (text.to_string(), None));
            }
        }
        for (key, value) in &object.params {
            let field = canonical(key);
            // The name is the object's identity, not a field.
            if field == "name" || RESOLVED.contains(&field) || value == "None" {
                continue;
            }
            fields.insert(field.to_string(), (value.clone(), Some(Origin::Explicit)));
        }
        // `stream_processing_mode` left unset is computed by the SDK: any `Aggregate`
        // gives TIME_INTERVAL, so writing it out changes nothing.
        if object.kind == Kind::StreamFeatureView && !fields.contains_key("stream_processing_mode")
        {
            let aggregates = ["features", "aggregations"].iter().any(|f| {
                fields
                    .get(*f)
                    .is_some_and(|(v, _)| v.contains("Aggregate(") || v.contains("Aggregation("))
            });
            if aggregates {
                fields.insert(
                    "stream_processing_mode".to_string(),
                    (
                        "StreamProcessingMode.TIME_INTERVAL".to_string(),
                        Some(Origin::Explicit),
                    ),
                );
            }
        }
        let file = object
            .file
            .strip_prefix(root)
            .unwrap_or(&object.file)
            .display()
            .to_string();
        Some(PlanObject {
            kind: object.kind,
            name,
            file,
            line,
            materialized: if object.kind.is_materializable() {
                object.materialized()
            } else {
                None
            },
            compute: object.compute,
            fields,
            refs: object.refs.clone(),
        })
    }
}

/// Compares the objects of one root. `base` and `head` are keyed by kind and name.
pub fn compare(root: &str, base: &[PlanObject], head: &[PlanObject]) -> Vec<Change> {
    let key = |o: &PlanObject| (o.kind, o.name.clone());
    let base_map: BTreeMap<(Kind, String), &PlanObject> =
        base.iter().map(|o| (key(o), o)).collect();
    let head_map: BTreeMap<(Kind, String), &PlanObject> =
        head.iter().map(|o| (key(o), o)).collect();
    let mut changes = Vec::new();
    for (k, new) in &head_map {
        match base_map.get(k) {
            None => changes.push(created(root, new)),
            Some(old) => {
                if let Some(change) = updated(root, old, new) {
                    changes.push(change);
                }
            }
        }
    }
    for (k, old) in &base_map {
        if !head_map.contains_key(k) {
            changes.push(deleted(root, old));
        }
    }
    propagate_recreates(root, &head_map, &base_map, &mut changes);
    changes.sort_by(|a, b| {
        (&a.root, &a.file, a.line, a.kind, &a.name)
            .cmp(&(&b.root, &b.file, b.line, b.kind, &b.name))
    });
    changes
}

fn is_stream(o: &PlanObject) -> bool {
    o.kind == Kind::StreamFeatureView
}

fn created(root: &str, new: &PlanObject) -> Change {
    let fields = new
        .fields
        .iter()
        .map(|(name, (value, origin))| FieldChange {
            name: name.clone(),
            old: None,
            new: Some(value.clone()),
            origin: *origin,
            forces_replacement: false,
        })
        .collect();
    let stream_job =
        (is_stream(new) && new.materialized == Some(true)).then_some(StreamJob::Starts);
    Change {
        action: Action::Create,
        kind: new.kind,
        name: new.name.clone(),
        root: root.to_string(),
        file: new.file.clone(),
        line: new.line,
        fields,
        stream_job,
    }
}

fn deleted(root: &str, old: &PlanObject) -> Change {
    let stream_job = (is_stream(old) && old.materialized == Some(true)).then_some(StreamJob::Stops);
    Change {
        action: Action::Delete,
        kind: old.kind,
        name: old.name.clone(),
        root: root.to_string(),
        file: old.file.clone(),
        line: old.line,
        fields: Vec::new(),
        stream_job,
    }
}

/// The fields of two versions of an object, in the order the plan shows them: the settings
/// `check` resolves first, then the other arguments by name.
fn field_names<'o>(old: &'o PlanObject, new: &'o PlanObject) -> Vec<&'o str> {
    let mut names: Vec<&str> = RESOLVED
        .iter()
        .copied()
        .filter(|f| old.fields.contains_key(*f) || new.fields.contains_key(*f))
        .collect();
    let mut rest: Vec<&str> = old
        .fields
        .keys()
        .chain(new.fields.keys())
        .map(String::as_str)
        .filter(|f| !RESOLVED.contains(f))
        .collect();
    rest.sort_unstable();
    rest.dedup();
    names.extend(rest);
    names
}

fn updated(root: &str, old: &PlanObject, new: &PlanObject) -> Option<Change> {
    let mut fields = Vec::new();
    let mut recreate = false;
    for name in field_names(old, new) {
        let before = old.fields.get(name);
        let after = new.fields.get(name);
        let (before_value, after_value) = (before.map(|v| &v.0), after.map(|v| &v.0));
        if before_value == after_value {
            continue;
        }
        // Turning materialization on starts jobs in place; turning it off drops the materialized
        // data, which Tecton treats as destructive.
        let destructive = match name {
            "online" | "offline" => before_value.is_some_and(|v| v == "True"),
            _ => recreates(name),
        };
        recreate |= destructive;
        fields.push(FieldChange {
            name: name.to_string(),
            old: before_value.cloned(),
            new: after_value.cloned(),
            origin: after.and_then(|v| v.1).or_else(|| before.and_then(|v| v.1)),
            forces_replacement: destructive,
        });
    }
    if fields.is_empty() {
        return None;
    }
    let action = if recreate {
        Action::Recreate
    } else {
        Action::Update
    };
    let stream_job = if is_stream(new) {
        stream_effect(old, new, action, &fields)
    } else {
        None
    };
    Some(Change {
        action,
        kind: new.kind,
        name: new.name.clone(),
        root: root.to_string(),
        file: new.file.clone(),
        line: new.line,
        fields,
        stream_job,
    })
}

/// What an update does to a stream view's job: a runtime change on Spark is a blue-green restart,
/// a recreate rebuilds it, and what Tecton does not document "may restart".
fn stream_effect(
    old: &PlanObject,
    new: &PlanObject,
    action: Action,
    fields: &[FieldChange],
) -> Option<StreamJob> {
    let (was, is) = (old.materialized, new.materialized);
    if was != Some(true) && is == Some(true) {
        return Some(StreamJob::Starts);
    }
    if was == Some(true) && is == Some(false) {
        return Some(StreamJob::Stops);
    }
    if is == Some(false) {
        return None;
    }
    let changed = |name: &str| fields.iter().any(|f| f.name == name);
    let runtime_changed = changed("tecton_materialization_runtime");
    if is.is_none() {
        // `online`/`offline` are not known statically (TP002): say what would happen if it runs.
        return (runtime_changed && new.compute != Compute::Rift).then(|| {
            StreamJob::Unknown(
                "a blue-green restart if the view is materialized; its `online`/`offline` are not known from the code"
                    .into(),
            )
        });
    }
    if action == Action::Recreate {
        return Some(StreamJob::Rebuilt);
    }
    if changed("online") || changed("offline") {
        return Some(StreamJob::Unknown(
            "it stays materialized with other stores; Tecton does not document whether that restarts the stream job"
                .into(),
        ));
    }
    match new.compute {
        Compute::Spark if runtime_changed => Some(StreamJob::BlueGreen),
        Compute::Unknown if runtime_changed => Some(StreamJob::Unknown(
            "a blue-green restart if it runs on Spark; its compute is not known from the code (pass --default-compute)"
                .into(),
        )),
        Compute::Rift if changed("environment") => Some(StreamJob::Unknown(
            "Tecton does not document whether an environment change restarts a Rift stream job".into(),
        )),
        _ if changed("stream_compute") => Some(StreamJob::Unknown(
            "`stream_compute` changes in place; Tecton does not document whether that restarts the stream job"
                .into(),
        )),
        _ => None,
    }
}

/// A recreated entity, data source or transformation gets a new identity, so every object that
/// refers to it is recreated too (the reference is part of its `pipeline` or `entities`).
fn propagate_recreates(
    root: &str,
    head: &BTreeMap<(Kind, String), &PlanObject>,
    base: &BTreeMap<(Kind, String), &PlanObject>,
    changes: &mut Vec<Change>,
) {
    let recreated: Vec<(Kind, String)> = changes
        .iter()
        .filter(|c| {
            c.action == Action::Recreate
                && matches!(
                    c.kind,
                    Kind::Entity
                        | Kind::BatchSource
                        | Kind::StreamSource
                        | Kind::PushSource
                        | Kind::Transformation
                )
        })
        .map(|c| (c.kind, c.name.clone()))
        .collect();
    if recreated.is_empty() {
        return;
    }
    for (key, new) in head {
        let Some(old) = base.get(key) else { continue };
        if new.kind.namespace() != "feature view" {
            continue;
        }
        let causes: Vec<&(Kind, String)> = recreated
            .iter()
            .filter(|r| new.refs.contains(r) && old.refs.contains(r))
            .collect();
        if causes.is_empty() {
            continue;
        }
        let dependency = FieldChange {
            name: "dependency".into(),
            old: None,
            new: Some(
                causes
                    .iter()
                    .map(|(kind, name)| format!("{} {name} is recreated", kind.display()))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            origin: None,
            forces_replacement: true,
        };
        let job =
            (is_stream(new) && new.materialized == Some(true) && old.materialized == Some(true))
                .then_some(StreamJob::Rebuilt);
        match changes
            .iter_mut()
            .find(|c| c.kind == new.kind && c.name == new.name && c.action != Action::Delete)
        {
            Some(change) => {
                if change.action == Action::Update {
                    change.action = Action::Recreate;
                    if job.is_some() {
                        change.stream_job = job;
                    }
                }
                change.fields.push(dependency);
            }
            None => changes.push(Change {
                action: Action::Recreate,
                kind: new.kind,
                name: new.name.clone(),
                root: root.to_string(),
                file: new.file.clone(),
                line: new.line,
                fields: vec![dependency],
                stream_job: job,
            }),
        }
    }
}

/// Materialized Spark stream views with no runtime: they follow Tecton's weekly releases.
pub fn unpinned_streams(head: &[PlanObject]) -> Vec<&PlanObject> {
    head.iter()
        .filter(|o| {
            is_stream(o)
                && o.materialized == Some(true)
                && o.compute != Compute::Rift
                && !o.fields.contains_key("tecton_materialization_runtime")
        })
        .collect()
}

/// The plan's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub create: usize,
    pub update: usize,
    pub recreate: usize,
    pub delete: usize,
    pub blue_green_restarts: usize,
    /// Stream jobs rebuilt by a recreate (not zero-downtime).
    pub stream_jobs_rebuilt: usize,
    pub stream_jobs_started: usize,
    pub stream_jobs_stopped: usize,
    /// Stream jobs that may restart; each change says why it is not known.
    pub stream_jobs_uncertain: usize,
}

pub fn summarize(changes: &[Change]) -> Summary {
    let mut summary = Summary::default();
    for change in changes {
        match change.action {
            Action::Create => summary.create += 1,
            Action::Update => summary.update += 1,
            Action::Recreate => summary.recreate += 1,
            Action::Delete => summary.delete += 1,
        }
        match change.stream_job {
            Some(StreamJob::BlueGreen) => summary.blue_green_restarts += 1,
            Some(StreamJob::Rebuilt) => summary.stream_jobs_rebuilt += 1,
            Some(StreamJob::Starts) => summary.stream_jobs_started += 1,
            Some(StreamJob::Stops) => summary.stream_jobs_stopped += 1,
            Some(StreamJob::Unknown(_)) => summary.stream_jobs_uncertain += 1,
            Some(StreamJob::Unpinned) | None => {}
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(kind: Kind, name: &str, fields: &[(&str, &str, Option<Origin>)]) -> PlanObject {
        PlanObject {
            kind,
            name: name.into(),
            file: "f.py".into(),
            line: 1,
            materialized: Some(true),
            compute: Compute::Spark,
            fields: fields
                .iter()
                .map(|(k, v, o)| (k.to_string(), (v.to_string(), *o)))
                .collect(),
            refs: Vec::new(),
        }
    }

    #[test]
    fn runtime_change_is_an_update_and_restarts_spark_stream_jobs() {
        let old = object(
            Kind::StreamFeatureView,
            "s",
            &[(
                "tecton_materialization_runtime",
                "1.2.10",
                Some(Origin::RepoConfig),
            )],
        );
        let new = object(
            Kind::StreamFeatureView,
            "s",
            &[(
                "tecton_materialization_runtime",
                "1.2.13",
                Some(Origin::RepoConfig),
            )],
        );
        let changes = compare(".", &[old], &[new]);
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].action, Action::Update);
        assert_eq!(changes[0].stream_job, Some(StreamJob::BlueGreen));
        assert_eq!(changes[0].fields[0].origin, Some(Origin::RepoConfig));
    }

    #[test]
    fn batch_views_do_not_restart_and_recreate_fields_recreate() {
        let old = object(
            Kind::BatchFeatureView,
            "b",
            &[
                ("tecton_materialization_runtime", "1.2.10", None),
                ("ttl", "timedelta(days=1)", None),
            ],
        );
        let new = object(
            Kind::BatchFeatureView,
            "b",
            &[
                ("tecton_materialization_runtime", "1.2.13", None),
                ("ttl", "timedelta(days=2)", None),
            ],
        );
        let changes = compare(".", &[old], &[new]);
        assert_eq!(changes[0].action, Action::Recreate);
        assert_eq!(changes[0].stream_job, None);
    }

    #[test]
    fn rift_stream_views_say_what_is_not_known() {
        let mut old = object(
            Kind::StreamFeatureView,
            "r",
            &[("environment", "tecton-core-1.1.0", None)],
        );
        old.compute = Compute::Rift;
        let mut new = object(
            Kind::StreamFeatureView,
            "r",
            &[("environment", "tecton-core-1.2.0", None)],
        );
        new.compute = Compute::Rift;
        let changes = compare(".", std::slice::from_ref(&old), std::slice::from_ref(&new));
        assert_eq!(changes[0].action, Action::Update);
        assert!(
            matches!(&changes[0].stream_job, Some(StreamJob::Unknown(why)) if why.contains("does not document"))
        );
        // A runtime on Rift is not what runs the job: no restart is claimed.
        old.fields.insert(
            "tecton_materialization_runtime".into(),
            ("1.2.10".into(), None),
        );
        new.fields = old.fields.clone();
        new.fields.insert(
            "tecton_materialization_runtime".into(),
            ("1.2.13".into(), None),
        );
        let changes = compare(".", &[old], &[new]);
        assert_eq!(changes[0].stream_job, None);
        assert_eq!(summarize(&changes).blue_green_restarts, 0);
    }

    #[test]
    fn creates_deletes_and_no_change() {
        let a = object(Kind::Entity, "a", &[]);
        let b = object(Kind::Entity, "b", &[]);
        let changes = compare(".", std::slice::from_ref(&a), &[a.clone(), b]);
        assert_eq!(
            changes.iter().map(|c| c.action).collect::<Vec<_>>(),
            [Action::Create]
        );
        let changes = compare(".", std::slice::from_ref(&a), &[]);
        assert_eq!(changes[0].action, Action::Delete);
        let same = a.clone();
        assert!(compare(".", std::slice::from_ref(&a), &[same]).is_empty());
    }
}
