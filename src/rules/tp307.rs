//! ## TP307: `tecton.v09_compat` is gone in 1.1 (upgrade)
//!
//! Fix: needs a person (the rewrite to the 1.0 API is not automated yet).
//!
//! ### What it does
//! Lists every import from `tecton.v09_compat` before the bump to 1.1, which removes the module.
//! Each object must first move to the 1.0 API, one kind at a time as Tecton's guide orders it
//! (data sources, entities, batch views, stream views, realtime views, feature tables), each
//! applied on SDK 1.0: `schema=` becomes `features=[Attribute(...)]`, `Aggregation` becomes
//! `Aggregate(input_column=Field(...))`, join keys get types, `FilteredSource(ds)` becomes `ds`
//! and a bare `ds` becomes `ds.unfiltered()`, stream views set
//! `aggregation_leading_edge=AggregationLeadingEdge.LATEST_EVENT_TIME`.
//!
//! ### Why is this bad?
//! `ModuleNotFoundError: No module named 'tecton.v09_compat'` on SDK 1.1: nothing imports.
//!
//! ### Example
//! ```python
//! from tecton.v09_compat import batch_feature_view, Aggregation
//! ```
//!
//! ### Use instead
//! ```python
//! from tecton import batch_feature_view, Aggregate
//! ```

use crate::sdk::api::Import;
use crate::upgrade::{Change, HopInput, Phase};

pub const CHECK: Option<super::Check> = None;

pub(crate) fn migrate(input: &HopInput<'_>, out: &mut Vec<Change>) {
    let (Some(old), Some(new)) = (input.old_api, input.new_api) else {
        return;
    };
    if old.import("tecton.v09_compat", None) != Import::Ok
        || new.import("tecton.v09_compat", None) != Import::NoModule
    {
        return;
    }
    for file in input.files {
        for import in &file.syntax.imports {
            if import.level != 0 || !import.module.starts_with("tecton.v09_compat") {
                continue;
            }
            let names: Vec<&str> = import.names.iter().map(|n| n.name.as_str()).collect();
            out.push(Change::human(
                "TP307",
                Phase::Bump,
                import.span.clone(),
                format!("SDK {} removes `tecton.v09_compat` ({})", input.hop.to, names.join(", ")),
                "move these objects to the 1.0 API on SDK 1.0 first, one kind at a time, applying each (Tecton's 0.9 to 1.0 guide, step 4)".into(),
            ));
        }
    }
}
