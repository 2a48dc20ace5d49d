//! ## TP003: two objects share a name that Tecton requires to be unique (error)
//!
//! ### What it does
//! Reports objects of one namespace with the same name: feature views of every kind and feature
//! tables share one namespace, data sources (batch, stream, push) share one, and entities, feature
//! services and transformations each have their own. Objects whose name cannot be known, and
//! objects constructed under a condition the analyzer cannot decide, are left out. An object
//! constructed in a package's `__init__.py` is reported too: Tecton imports that file twice (as
//! `pkg` and as `pkg.__init__`) and registers the object twice.
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

use super::{at_object, called_from, label, Check, Context};
use crate::diagnostic::Diagnostic;

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: rustc_hash::FxHashMap<(&str, &str), &crate::model::TectonObject> =
        rustc_hash::FxHashMap::default();
    for object in context.objects {
        let Some(name) = object.name.as_deref() else {
            continue;
        };
        if object.implicit {
            continue;
        }
        let key = (object.kind.namespace(), name);
        match seen.get(&key) {
            Some(first) if first.span == object.span && is_package_init(&object.span.file) => out
                .push(
                    Diagnostic::new(
                        "TP003",
                        format!(
                            "{} is registered twice: Tecton imports a package's `__init__.py` twice (as the package and as its `__init__` submodule), so every object constructed there gets two registrations under one name",
                            label(object)
                        ),
                    )
                    .at(object.span.clone())
                    .with_help("construct the object in a module of the package (`__init__.py` may import it from there: a module runs once)"),
                ),
            Some(first) => {
                let found = Diagnostic::new(
                    "TP003",
                    format!(
                        "{} has the same name as {}: {} names must be unique",
                        label(object),
                        label(first),
                        object.kind.namespace()
                    ),
                );
                let found = at_object(found, object)
                    .with_label(first.span.clone(), "first defined here");
                out.push(
                    called_from(found, first, "first built by this call")
                        .with_help("rename one of them; Tecton rejects the plan otherwise"),
                );
            }
            None => {
                seen.insert(key, object);
            }
        }
    }
}

fn is_package_init(file: &std::path::Path) -> bool {
    file.file_name().is_some_and(|n| n == "__init__.py")
}
