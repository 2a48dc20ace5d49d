//! ## TP003: two objects share a name that Tecton requires to be unique (error)
//!
//! ### What it does
//! Reports objects of one namespace with the same name: feature views of every kind and feature
//! tables share one namespace, data sources (batch, stream, push) share one, and entities, feature
//! services and transformations each have their own. Objects whose name cannot be known, and
//! objects constructed under a condition the analyzer cannot decide, are left out.
//!
//! ### Why is this bad?
//! The server rejects the plan: names identify objects in a workspace.
//!
//! ### Example
//! ```python
//! # features/user_counts.py
//! user_counts = FeatureTable(name="user_counts", ...)
//! # features/legacy.py
//! @batch_feature_view(...)
//! def user_counts(transactions): ...
//! ```
//!
//! ### Use instead
//! Rename one of them.

use std::collections::HashMap;

use super::{label, Check, Context};
use crate::diagnostic::Diagnostic;

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(&str, &str), &crate::model::TectonObject> = HashMap::new();
    for object in context.objects {
        let Some(name) = object.name.as_deref() else {
            continue;
        };
        if object.implicit {
            continue;
        }
        let key = (object.kind.namespace(), name);
        match seen.get(&key) {
            Some(first) => out.push(
                Diagnostic::new(
                    "TP003",
                    format!(
                        "{} has the same name as {}: {} names must be unique",
                        label(object),
                        label(first),
                        object.kind.namespace()
                    ),
                )
                .at(object.span.clone())
                .with_label(first.span.clone(), "first defined here")
                .with_help("rename one of them; Tecton rejects the plan otherwise"),
            ),
            None => {
                seen.insert(key, object);
            }
        }
    }
}
