//! ## TP203: runtime that is not an exact version (error)
//!
//! ### What it does
//! Reports a `tecton_materialization_runtime` used by a materialized view or table that is not an
//! exact `tecton` version with three parts: `1.0`, `latest`, `>=0.9`, `1.2.*`.
//!
//! ### Why is this bad?
//! Tecton's docs: the runtime "must be set to an exact version of the tecton package (e.g.
//! 0.8.0)". A range would let the jobs' runtime drift, which is what pinning exists to prevent.
//!
//! ### Example
//! ```python
//! @batch_feature_view(..., tecton_materialization_runtime="1.2")
//! ```
//!
//! ### Use instead
//! ```python
//! @batch_feature_view(..., tecton_materialization_runtime="1.2.13")
//! ```
//!
//! ### Fix
//! Fixable (`[*]`, safe) when the SDK version is known: `check --fix` sets the runtime to the one
//! the help recommends (the newest final release of the SDK's minor), in place and in the same
//! quoting, where it is written as a plain literal. With the SDK version unknown the help's version
//! is only an example, and there is no fix.

use super::{at_use, runtime_fix, runtime_uses, Check, Context};
use crate::diagnostic::Diagnostic;
use crate::sdk::RuntimeForm;

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for runtime in runtime_uses(context) {
        if !matches!(runtime.form, RuntimeForm::NotExact) {
            continue;
        }
        let example = match context.sdk {
            Some(sdk) => super::runtime_example(sdk),
            None => crate::sdk::releases()
                .minors()
                .last()
                .and_then(|m| crate::sdk::releases().newest_final(*m))
                .unwrap_or_else(|| "1.2.13".into()),
        };
        let mut diagnostic = Diagnostic::new(
            "TP203",
            format!(
                "runtime {:?} is not an exact version of the tecton package",
                runtime.value
            ),
        )
        .with_help(format!(
            "write a full release version, such as \"{example}\""
        ));
        // With the SDK known, its recommended runtime is the one right answer; without it, the
        // help's version is only an example, and the choice is the user's.
        if context.sdk.is_some() {
            if let Some(fix) = runtime_fix(context, runtime, &example) {
                diagnostic = diagnostic.with_fix(fix);
            }
        }
        out.push(at_use(diagnostic, runtime));
    }
}
