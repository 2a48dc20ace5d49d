//! ## TP308: a value the next SDK rejects when it builds the object (upgrade)
//!
//! Fix: needs a person.
//!
//! ### What it does
//! Finds arguments whose value the next SDK refuses:
//! - `transform_server_group=` given a `TransformServerGroup` object: SDK 1.2 takes the group's
//!   name (a string), while 1.0 and 1.1 take only the object, so the change goes with the bump;
//! - `mode="snowpark"`, removed in 1.2;
//! - a pinned `dbr_version` or `emr_version` the next SDK no longer supports (1.0 drops EMR
//!   6.5.0; 1.1 drops DBR 9.1 and EMR 6.7.0; 1.2 drops DBR 10.4 and EMR 6.9.0).
//!
//! ### Why is this bad?
//! Each fails while the SDK builds the view, so `tecton plan` stops: `TypeError: bad argument type
//! for built-in operation`, `InvalidTransformationMode`, `ValueError: Databricks version
//! 10.4.x-scala2.12 is not supported`.
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
    for file in input.files {
        for call in &file.syntax.call_trees {
            let builds_group = call.callee.ends_with("TransformServerGroup")
                && call.callee.starts_with("tecton.")
                && call.assigned_to.as_deref() == Some(variable);
            if !builds_group {
                continue;
            }
            for keyword in &call.keywords {
                if let ("name", crate::python::syntax::Value::Str(name)) =
                    (keyword.name.as_str(), &keyword.value.value)
                {
                    if !name.contains(['"', '\\']) && !names.contains(&name.as_str()) {
                        names.push(name.as_str());
                    }
                }
            }
        }
    }
    names
}

pub(crate) fn migrate(input: &HopInput<'_>, out: &mut Vec<Change>) {
    let to = input.hop.to;
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
                .get(keyword.value_span.start..keyword.value_span.end)
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
                            span.start,
                            span.end,
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
