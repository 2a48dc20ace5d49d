//! ## TP107: a repo config value Tecton rejects when it builds a view with it (error)
//!
//! ### What it does
//! Reports a cluster config in `repo.yaml` (`batch_compute`, `stream_compute`) that the SDK reads
//! without complaint but refuses when `tecton plan` builds a view or table with it: an
//! `instance_availability` other than `spot`, `on_demand` or `spot_with_fallback`, a pinned
//! `dbr_version` or `emr_version` outside the set that SDK version supports, an EMR
//! `python_version` it does not know, and (SDK 0.8.0 only) a JSON cluster config without `json`.
//! The same values are checked where Python passes them as string literals:
//! `batch_compute=DatabricksClusterConfig(dbr_version="10.4.x-scala2.12")`. The supported sets are
//! read from each SDK's `configs.py` (`data/repo_config_schema.json`); with the SDK version
//! unknown, only a value that no recorded version supports is reported. A `repo.yaml` default
//! is an error only when the SDK builds an object of the root with it: a view or table of its
//! section that passes no config of its own, and for `stream_compute` a stream feature view whose
//! source is not a push source (the SDK gives those no stream compute). Otherwise (no such
//! object, or each states its own config or reads a push source) it is a warning that says why:
//! `tecton plan` passes until a view uses the default.
//!
//! ### Why is this bad?
//! The repo config loads, so nothing fails until the first view is built; then `tecton plan`
//! stops with "Databricks version 10.4.x-scala2.12 is not supported" or "Instance availability
//! spot_fallback is not supported". The supported Spark versions change with the SDK: SDK 1.2
//! drops DBR 10.4 and EMR 6.9.0, so a pin that worked before an upgrade breaks after it.
//!
//! ### Example
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     batch_compute:
//!       kind: DatabricksClusterConfig
//!       instance_availability: spot_fallback
//!       dbr_version: 10.4.x-scala2.12      # with SDK 1.2
//! ```
//!
//! ### Use instead
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     batch_compute:
//!       kind: DatabricksClusterConfig
//!       instance_availability: spot_with_fallback
//!       dbr_version: 13.3.x-scala2.12
//! ```

use std::collections::HashSet;

use super::{Check, Context};
use crate::diagnostic::Diagnostic;

// The `repo.yaml` findings come from the config reader; this check covers the Python arguments.
pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let sdk = context.sdk.map(|s| &s.version);
    let sdk_name = sdk.map_or("the SDK in use".to_string(), |v| {
        format!("SDK {}", v.display)
    });
    // One config object may be shared by several views: report each literal once.
    let mut seen = HashSet::new();
    for object in context.objects.iter().filter(|o| !o.implicit) {
        for arg in &object.cluster_args {
            let Some((what, help)) =
                crate::config::cluster_value_rejection(sdk, &arg.config, &arg.param, &arg.value)
            else {
                continue;
            };
            if !seen.insert((arg.span.file.clone(), arg.span.start(), arg.span.end())) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    "TP107",
                    format!(
                        "{what} in `{}({}=...)` is not supported by {sdk_name}: `tecton plan` fails when it builds this view",
                        arg.config, arg.param
                    ),
                )
                .at(arg.span.clone())
                .with_span_label("not supported")
                .with_help(help),
            );
        }
    }
}
