//! ## TP207: materialized view or table with unknown compute and neither runtime nor environment (error)
//!
//! ### What it does
//! Reports a materialized Batch or Stream Feature View or Feature Table whose compute cannot be
//! told from the code (a `pandas` or `python` transformation with no compute config runs where the
//! deployment's default says) and that has neither a `tecton_materialization_runtime` nor an
//! `environment`. On Spark it would need the first, on Rift the second, so it fails either way. A
//! `repo.yaml` `environment` default for its kind counts: the SDK applies it when the view runs on
//! Rift.
//! Applies from SDK 0.8. Pass `--default-compute spark|rift` to have TP201 or TP206 decide instead.
//!
//! ### Why is this bad?
//! The server rejects the apply.
//!
//! ### Example
//! ```python
//! @batch_feature_view(sources=[transactions], mode="pandas", online=True, ...)
//! ```
//!
//! ### Use instead
//! Set the runtime (Spark) or the environment (Rift) default in `repo.yaml`, or on the view.

use super::{at_object, config_key, label, Check, Context};
use crate::config::Section;
use crate::diagnostic::Diagnostic;
use crate::model::{Compute, Kind};

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(sdk) = context.sdk else {
        return;
    };
    if !sdk.version.at_least(0, 8, 0) {
        return;
    }
    for object in context.objects {
        if !object.kind.is_materializable()
            || object.materialized() != Some(true)
            || object.compute != Compute::Unknown
            || object.runtime.is_some()
            || object.environment.is_some()
            || object.runtime_unresolved
            || object.environment_unresolved
        {
            continue;
        }
        // The SDK applies the `environment` default exactly when the deployment runs the view on
        // Rift, where it is what the view needs: then the view fails only on Spark, as one with a
        // runtime and no environment fails only on Rift.
        if environment_default(context, object.kind) {
            continue;
        }
        let mode = object
            .mode
            .as_deref()
            .map(|m| format!("mode {m:?}"))
            .unwrap_or_else(|| "no mode".into());
        let found = Diagnostic::new(
            "TP207",
            format!(
                "{} is materialized, its compute cannot be told from the code ({mode}, no compute config), and it has neither a runtime nor an environment",
                label(object)
            ),
        );
        out.push(at_object(found, object).with_help(format!(
            "set `defaults.{key}.tecton_materialization_runtime` (Spark) or `defaults.{key}.environment` (Rift) in repo.yaml; `--default-compute` tells tecton-preflight which your deployment uses",
            key = config_key(object.kind)
        )));
    }
}

/// Whether the repo config sets a valid `environment` default for the object's kind.
fn environment_default(context: &Context<'_>, kind: Kind) -> bool {
    let section = match kind {
        Kind::BatchFeatureView => Section::BatchFeatureView,
        Kind::StreamFeatureView => Section::StreamFeatureView,
        Kind::FeatureTable => Section::FeatureTable,
        _ => return false,
    };
    context
        .config
        .and_then(|c| c.defaults(section))
        .and_then(|d| d.environment.as_ref())
        .is_some_and(|e| e.valid)
}
