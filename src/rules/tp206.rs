//! ## TP206: materialized Rift view or table without an `environment` (error)
//!
//! ### What it does
//! Reports a materialized Batch or Stream Feature View (SDK 0.9+) or Feature Table (SDK 1.1+) that
//! runs on Rift (a Rift compute config, or Rift as the deployment's default compute) and has no
//! `environment`, neither as an argument nor as a `repo.yaml` default that the SDK applies to it.
//!
//! ### Why is this bad?
//! For Rift the runtime is carried by the environment: "Rift-based Feature Views with
//! materialization enabled are required to set the environment field". The server rejects the
//! apply.
//!
//! ### Example
//! ```python
//! @batch_feature_view(sources=[transactions], mode="pandas", offline=True,
//!                     batch_compute=RiftBatchConfig(), ...)
//! ```
//!
//! ### Use instead
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     environment: tecton-core-1.2.0
//! ```

use super::{at_object, config_key, label, Check, Context};
use crate::diagnostic::Diagnostic;
use crate::model::{Compute, Kind};

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(sdk) = context.sdk else {
        return;
    };
    for object in context.objects {
        let required_from = match object.kind {
            Kind::BatchFeatureView | Kind::StreamFeatureView => (0, 9),
            Kind::FeatureTable => (1, 1),
            _ => continue,
        };
        if !sdk.version.at_least(required_from.0, required_from.1, 0)
            || object.materialized() != Some(true)
            || object.compute != Compute::Rift
            || object.environment.is_some()
            || object.environment_unresolved
        {
            continue;
        }
        let found = Diagnostic::new(
            "TP206",
            format!(
                "{} is materialized on Rift and has no environment (required since SDK {}.{})",
                label(object),
                required_from.0,
                required_from.1
            ),
        );
        out.push(at_object(found, object).with_help(format!(
            "set `environment=` on it, or `defaults.{}.environment` in repo.yaml (`tecton environment list` shows the environments)",
            config_key(object.kind)
        )));
    }
}
