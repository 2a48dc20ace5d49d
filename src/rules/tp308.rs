//! ## TP308: a value the next SDK rejects when it builds the object (upgrade)
//!
//! Fix: mechanical for a spot stream cluster and a group whose name the repository states; a
//! person otherwise.
//!
//! ### What it does
//! Finds arguments whose value the next SDK refuses:
//! - `transform_server_group=` given a `TransformServerGroup` object: SDK 1.2 takes the group's
//!   name (a string), while 1.0 and 1.1 take only the object, so the change goes with the bump;
//! - `mode="snowpark"`, removed in 1.2;
//! - spot instances (`instance_availability="spot"` or `"spot_with_fallback"`) in the
//!   `stream_compute` of a stream feature view: from 0.8 on, Tecton runs Spark stream jobs on
//!   on-demand instances only, so step 1 of the hop to 0.8 writes `"on_demand"` (0.7 takes it
//!   too). It costs more; the output says so. A cluster config held in a variable is edited where
//!   it is built, unless another argument (a `batch_compute`) uses it too: then a person splits it;
//! - a pinned `dbr_version` or `emr_version` the next SDK no longer supports (1.0 drops EMR
//!   6.5.0; 1.1 drops DBR 9.1 and EMR 6.7.0; 1.2 drops DBR 10.4 and EMR 6.9.0).
//!
//! ### Why is this bad?
//! Each fails while the SDK builds the view, so `tecton plan` stops: `TypeError: bad argument type
//! for built-in operation`, `InvalidTransformationMode`, `ValueError: Databricks version
//! 10.4.x-scala2.12 is not supported`. Spot stream clusters pass the SDK and are refused by
//! Tecton's servers when the plan is applied (the 0.8 upgrade guide's breaking change).
//!
//! ### Example
//! ```python
//! FeatureService(name="scoring", features=[...], transform_server_group=scoring_group)
//! ```
//!
//! ### Use instead
//! ```python
//! FeatureService(name="scoring", features=[...], transform_server_group="scoring")
//! ```
//! The group's name is written when the repository states it: the variable is assigned, at module
//! level, exactly one `TransformServerGroup(name="...")` (mechanical); otherwise a person writes it.
//! A new Spark version changes the jobs' runtime: choose one the SDK lists, and apply it on its own.

use crate::python::syntax::{Arg, CallTree, Value};
use crate::sdk::Minor;
use crate::upgrade::{Change, HopInput, Phase};

pub const CHECK: Option<super::Check> = None;

/// (the minor that drops it, keyword, the value's prefix).
const DROPPED_VERSIONS: &[((u64, u64), &str, &str)] = &[
    ((1, 0), "emr_version", "emr-6.5.0"),
    ((1, 1), "dbr_version", "9.1."),
    ((1, 1), "emr_version", "emr-6.7.0"),
    ((1, 2), "dbr_version", "10.4."),
    ((1, 2), "emr_version", "emr-6.9.0"),
];

/// The literal `name=` of every module-level `variable = TransformServerGroup(name=...)` in the
/// repository. The object stays defined: removing it would delete the group.
fn group_names<'a>(input: &'a HopInput<'_>, variable: &str) -> Vec<&'a str> {
    let mut names = Vec::new();
    for call in assignments(input, variable) {
        let builds_group =
            call.callee.ends_with("TransformServerGroup") && call.callee.starts_with("tecton.");
        if !builds_group {
            continue;
        }
        for keyword in &call.keywords {
            if let ("name", Value::Str(name)) = (keyword.name.as_str(), &keyword.value.value) {
                if !name.contains(['"', '\\']) && !names.contains(&name.as_str()) {
                    names.push(name.as_str());
                }
            }
        }
    }
    names
}

/// Every module-level `variable = Call(...)` of the repository.
fn assignments<'a>(input: &'a HopInput<'_>, variable: &str) -> Vec<&'a CallTree> {
    input
        .files
        .iter()
        .flat_map(|f| &f.syntax.call_trees)
        .filter(|t| t.assigned_to.as_deref() == Some(variable))
        .collect()
}

/// The cluster classes whose `instance_availability` (their second field in 0.7) may ask for spot.
const CLUSTERS: &[&str] = &["tecton.DatabricksClusterConfig", "tecton.EMRClusterConfig"];

/// Spot stream clusters, in the hop to 0.8: the availability becomes `"on_demand"`.
fn on_demand_stream_clusters(input: &HopInput<'_>, out: &mut Vec<Change>) {
    let stream_views = ["tecton.stream_feature_view", "tecton.StreamFeatureView"];
    // A cluster config several stream views name is edited (and listed) once.
    let mut done = std::collections::HashSet::new();
    for file in input.files {
        for view in &file.syntax.call_trees {
            if !stream_views.contains(&view.callee.as_str()) {
                continue;
            }
            let Some(compute) = view.keywords.iter().find(|k| k.name == "stream_compute") else {
                continue;
            };
            let cluster = match &compute.value.value {
                Value::Call(tree) => Some(tree.as_ref()),
                Value::Name(variable) => {
                    let local = variable.rsplit('.').next().unwrap_or(variable);
                    let built = assignments(input, local);
                    let shared = input
                        .files
                        .iter()
                        .flat_map(|f| &f.syntax.keywords)
                        .any(|k| {
                            k.name != "stream_compute"
                                && k.value_name
                                    .as_deref()
                                    .is_some_and(|n| n.rsplit('.').next() == Some(local))
                        });
                    match built.as_slice() {
                        [tree] if CLUSTERS.contains(&tree.callee.as_str()) => {
                            if shared && spot(tree).is_some() {
                                out.push(Change::human(
                                    "TP308",
                                    Phase::OldSdk,
                                    compute.value.span.clone(),
                                    format!("`stream_compute={local}` asks for spot instances, which SDK 0.8 refuses for stream jobs"),
                                    format!("`{local}` is also another argument's cluster: give the stream view a cluster config of its own with `instance_availability=\"on_demand\"`"),
                                ));
                                continue;
                            }
                            Some(*tree)
                        }
                        _ => None,
                    }
                }
                _ => None,
            };
            let Some(arg) = cluster.and_then(spot) else {
                continue;
            };
            if !done.insert(arg.span.clone()) {
                continue;
            }
            let written = input
                .files
                .iter()
                .find(|f| *f.path == *arg.span.file)
                .and_then(|f| f.text.get(arg.span.start()..arg.span.end()))
                .unwrap_or("\"spot\"");
            let quote = if written.starts_with('\'') { '\'' } else { '"' };
            out.push(Change::edit(
                "TP308",
                Phase::OldSdk,
                arg.span.clone(),
                format!("stream jobs run on on-demand instances from SDK 0.8: `instance_availability={written}` becomes \"on_demand\" (on-demand instances cost more)"),
                vec![crate::fix::Edit::new(
                    &arg.span.file,
                    arg.span.start(),
                    arg.span.end(),
                    format!("{quote}on_demand{quote}"),
                )],
            ));
        }
    }
}

/// The `instance_availability` argument of a cluster config when it asks for spot instances.
fn spot(cluster: &CallTree) -> Option<&Arg> {
    if !CLUSTERS.contains(&cluster.callee.as_str()) {
        return None;
    }
    let arg = cluster
        .keywords
        .iter()
        .find(|k| k.name == "instance_availability")
        .map(|k| &k.value)
        .or_else(|| cluster.args.get(1))?;
    match &arg.value {
        Value::Str(v) if v == "spot" || v == "spot_with_fallback" => Some(arg),
        _ => None,
    }
}

pub(crate) fn migrate(input: &HopInput<'_>, out: &mut Vec<Change>) {
    let to = input.hop.to;
    if to == (Minor { major: 0, minor: 8 }) {
        on_demand_stream_clusters(input, out);
    }
    let at = |m: (u64, u64)| {
        Minor {
            major: m.0,
            minor: m.1,
        } == to
    };
    for file in input.files {
        for keyword in &file.syntax.keywords {
            if !keyword.callee.starts_with("tecton.") {
                continue;
            }
            let written = file
                .text
                .get(keyword.value_span.start()..keyword.value_span.end())
                .unwrap_or("");
            let literal = written.trim_matches(|c| c == '"' || c == '\'');
            let span = keyword.value_span.clone();
            if at((1, 2)) && keyword.name == "transform_server_group" {
                let Some(variable) = &keyword.value_name else {
                    continue;
                };
                let message = format!(
                    "`transform_server_group={written}` must be the group's name in SDK 1.2"
                );
                // The group's literal `name=`, when exactly one module-level assignment of that
                // variable builds a TransformServerGroup with one.
                let local = variable.rsplit('.').next().unwrap_or(variable);
                let names: Vec<&str> = group_names(input, local);
                out.push(match names.as_slice() {
                    [name] => Change::edit(
                        "TP308",
                        Phase::Bump,
                        span.clone(),
                        format!("{message}: \"{name}\""),
                        vec![crate::fix::Edit::new(
                            &span.file,
                            span.start(),
                            span.end(),
                            format!("\"{name}\""),
                        )],
                    ),
                    _ => Change::human(
                        "TP308",
                        Phase::Bump,
                        span,
                        message,
                        "pass the group's name as a string in the same change as the bump (1.1 accepts only the object); the repository does not state it as one literal `name=`".into(),
                    ),
                });
            } else if at((1, 2)) && keyword.name == "mode" && literal == "snowpark" {
                out.push(Change::human(
                    "TP308",
                    Phase::Bump,
                    span,
                    "`mode=\"snowpark\"` is removed in SDK 1.2".into(),
                    "rewrite the transformation in `snowflake_sql` mode".into(),
                ));
            } else if let Some((_, _, prefix)) = DROPPED_VERSIONS
                .iter()
                .find(|(m, k, p)| at(*m) && *k == keyword.name && literal.starts_with(p))
            {
                out.push(Change::human(
                    "TP308",
                    Phase::Bump,
                    span,
                    format!("`{}={written}` is not supported by SDK {to} ({} was dropped)", keyword.name, prefix.trim_end_matches('.')),
                    "choose a version the new SDK supports (a change of the jobs' Spark runtime, best applied on its own)".into(),
                ));
            }
        }
    }
}
