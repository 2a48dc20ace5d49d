//! ## TP306: imports move to `tecton.v09_compat` with the bump to 1.0 (upgrade)
//!
//! Fix: mechanical, for `from tecton import ...`; a person for `tecton.X` after `import tecton`
//! when `X` is one of the 0.9 API's own constructors (`tecton.Entity`, `tecton.batch_feature_view`,
//! ...; `tecton.set_tecton_spark_session` and the config classes are the same in both APIs) or a
//! name only the bridge keeps (`tecton.FilteredSource`, `tecton.Aggregation`).
//!
//! ### What it does
//! Tecton's 0.9 to 1.0 guide keeps every object's meaning by importing the 0.9 API from
//! `tecton.v09_compat` in 1.0: `from tecton import X` becomes `from tecton.v09_compat import X`
//! (imports from `tecton.types` and `tecton.aggregation_functions` stay). Objects built this way
//! register as before: a bare source stays unfiltered, stream views keep their leading edge.
//!
//! ### Why is this bad?
//! The native 1.0 API changes semantics without an import error: a bare source in `sources=[ds]`
//! becomes filtered, and stream views get `WALL_CLOCK_TIME`. Both make the apply a recreate, which
//! Tecton blocks while the SDK version changes. `FilteredSource`, `Aggregation` and
//! `on_demand_feature_view` are gone from `tecton` in 1.0.
//!
//! ### Example
//! ```python
//! from tecton import batch_feature_view, Aggregation, FilteredSource
//! ```
//!
//! ### Use instead
//! ```python
//! from tecton.v09_compat import batch_feature_view, Aggregation, FilteredSource
//! ```
//! SDK 1.1 removes `tecton.v09_compat` (TP307): the objects must then move to the 1.0 API.

use crate::sdk::api::Import;
use crate::sdk::Minor;
use crate::upgrade::{Change, HopInput, Phase};

pub const CHECK: Option<super::Check> = None;

pub(crate) fn migrate(input: &HopInput<'_>, out: &mut Vec<Change>) {
    if input.hop.to != (Minor { major: 1, minor: 0 }) {
        return;
    }
    let (Some(old), Some(new)) = (input.old_api, input.new_api) else {
        return;
    };
    for file in input.files {
        for import in &file.syntax.imports {
            if import.level != 0 || import.module != "tecton" {
                continue;
            }
            let missing: Vec<&str> = import
                .names
                .iter()
                .filter(|n| new.import("tecton.v09_compat", Some(&n.name)) != Import::Ok)
                .map(|n| n.name.as_str())
                .collect();
            let span = &import.module_span;
            let message = "`from tecton import` becomes `from tecton.v09_compat import` in SDK 1.0"
                .to_string();
            if missing.is_empty() {
                let edit = crate::fix::Edit::new(
                    &span.file,
                    span.start(),
                    span.end(),
                    "tecton.v09_compat",
                );
                out.push(Change::edit(
                    "TP306",
                    Phase::Bump,
                    span.clone(),
                    message,
                    vec![edit],
                ));
            } else {
                out.push(Change::human(
                    "TP306",
                    Phase::Bump,
                    span.clone(),
                    message,
                    format!("`tecton.v09_compat` has no {}: import those from `tecton` on a line of their own", missing.join(", ")),
                ));
            }
        }
        for reference in &file.syntax.names {
            let Some((name, span)) = reference.segments.get(1) else {
                continue;
            };
            // The first identifier stands for `tecton` itself (`import tecton`, `import tecton
            // as t`) when the qualified name has one part more than the chain after it.
            let head_is_tecton = reference.qualified.split('.').count() == reference.segments.len()
                && reference.qualified.starts_with("tecton.");
            if !head_is_tecton {
                continue;
            }
            // Only the 0.9 API's own constructors differ; every other name (config classes,
            // `set_tecton_spark_session`, ...) is the same object in both modules.
            if old.import("tecton", Some(name)) != Import::Ok
                || matches!(name.as_str(), "types" | "aggregation_functions")
            {
                continue;
            }
            // Names the bridge keeps but `tecton` 1.0 lost (`FilteredSource`, `Aggregation`)
            // fail the import with an `AttributeError`.
            let message = if new.distinct_from_tecton("tecton.v09_compat", name) {
                format!("`tecton.{name}` is the 1.0 API in SDK 1.0, not the 0.9 one")
            } else if new.import("tecton", Some(name)) != Import::Ok
                && new.import("tecton.v09_compat", Some(name)) == Import::Ok
            {
                format!("`tecton.{name}` is only in `tecton.v09_compat` in SDK 1.0")
            } else {
                continue;
            };
            out.push(Change::human(
                "TP306",
                Phase::Bump,
                span.clone(),
                message,
                format!("write `from tecton.v09_compat import {name}` and use `{name}`"),
            ));
        }
    }
}
