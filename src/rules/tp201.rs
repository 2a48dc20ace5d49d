//! ## TP201: materialized Spark view or table without a materialization runtime (error)
//!
//! ### What it does
//! Reports a Batch Feature View, Stream Feature View or Feature Table that is materialized
//! (`online=True` or `offline=True`), runs on Spark (a `spark_sql` or `pyspark` transformation, or
//! a Databricks or EMR compute config), and has no `tecton_materialization_runtime`: neither as an
//! argument nor as a `repo.yaml` default for its kind. Applies from SDK 0.8.
//!
//! ### Why is this bad?
//! From 0.8, Tecton requires every materialized Spark object to pin the runtime its jobs run with;
//! the server rejects the apply.
//!
//! ### Example
//! ```python
//! @stream_feature_view(source=transactions, mode="pyspark", online=True, ...)
//! def user_counts(transactions): ...
//! ```
//!
//! ### Use instead
//! ```yaml
//! # repo.yaml
//! defaults:
//!   stream_feature_view:
//!     tecton_materialization_runtime: "1.2.13"
//! ```
//! or `tecton_materialization_runtime="1.2.13"` on the view.

use super::{at_object, config_key, label, runtime_example, Check, Context};
use crate::diagnostic::Diagnostic;
use crate::model::Compute;

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
            || object.compute != Compute::Spark
            || object.runtime.is_some()
            || object.runtime_unresolved
        {
            continue;
        }
        let runtime = runtime_example(sdk);
        let found = Diagnostic::new(
            "TP201",
            format!(
                "{} is materialized on Spark and has no tecton_materialization_runtime (required since SDK 0.8)",
                label(object)
            ),
        );
        out.push(at_object(found, object).with_help(format!(
            "add `tecton_materialization_runtime=\"{runtime}\"` to it, or set `defaults.{}.tecton_materialization_runtime: \"{runtime}\"` in repo.yaml",
            config_key(object.kind)
        )));
    }
}
