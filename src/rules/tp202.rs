//! ## TP202: runtime outside the +1 window of the SDK (error)
//!
//! ### What it does
//! Reports a `tecton_materialization_runtime` used by a materialized view or table whose minor is
//! neither the SDK's minor nor the minor released after it. SDK 0.8 allows 0.8.x and 0.9.x; SDK 0.9
//! allows 0.9.x and 1.0.x (there is no 0.10 release); SDK 1.2 allows 1.2.x and 1.3.x. A value set in
//! `repo.yaml` is reported once, at the value, with the objects that inherit it; a constant is
//! reported at each view's argument that names it, with a label at the constant.
//!
//! ### Why is this bad?
//! Tecton supports runtimes only inside this window ("features applied with Tecton SDK 0.8 will
//! support Materialization Runtime Versions of 0.8.* or 0.9.*"); the server rejects the apply. The
//! window lets you bump runtimes one minor ahead before upgrading the SDK, never behind it.
//!
//! ### Example
//! ```yaml
//! # requirements.txt pins tecton~=1.2.0
//! defaults:
//!   stream_feature_view:
//!     tecton_materialization_runtime: "1.1.5"
//! ```
//!
//! ### Use instead
//! ```yaml
//! defaults:
//!   stream_feature_view:
//!     tecton_materialization_runtime: "1.2.13"
//! ```
//!
//! ### Fix
//! Fixable (`[*]`, safe): `check --fix` sets the runtime to the one the help recommends, in place
//! and in the same quoting, where it is written as a plain literal (in `repo.yaml` or in Python,
//! also in a constant it comes from). A runtime built from pieces (concatenation, f-string) is left
//! to you. Applying a changed runtime restarts the stream jobs that use it (blue-green).

use super::{at_use, recommended_runtime, runtime_fix, runtime_uses, Check, Context};
use crate::diagnostic::Diagnostic;
use crate::sdk::{releases, window, RuntimeForm};

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(sdk) = context.sdk else {
        return;
    };
    if !sdk.version.at_least(0, 8, 0) {
        return;
    }
    let window = window(&sdk.version);
    for runtime in runtime_uses(context) {
        let RuntimeForm::Exact { minor, .. } = runtime.form else {
            continue;
        };
        if window.allows(minor) {
            continue;
        }
        let side = if minor < window.sdk {
            format!("older than SDK {}", sdk.version.minor)
        } else {
            format!(
                "newer than {}, the minor after SDK {}",
                window.next, sdk.version.minor
            )
        };
        // The help and the fix name the same runtime: computed once.
        let recommended = recommended_runtime(sdk);
        let mut diagnostic = Diagnostic::new(
            "TP202",
            format!(
                "runtime {} is outside the +1 window of SDK {} (allowed: {}): it is {side}",
                runtime.value,
                sdk.version.display,
                window.describe()
            ),
        )
        .with_help(help(sdk));
        if let Some(fix) = recommended
            .as_deref()
            .and_then(|r| runtime_fix(context, runtime, r))
        {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(at_use(diagnostic, runtime));
    }
}

/// The fix: a published runtime of the SDK's own minor, never a version Tecton has not released.
fn help(sdk: &crate::sdk::Sdk) -> String {
    let minor = sdk.version.minor;
    match recommended_runtime(sdk) {
        Some(version) if releases().newest_final(minor).is_some() => {
            format!("set it to \"{version}\", the newest runtime of SDK {minor}'s own minor")
        }
        Some(version) => format!(
            "set it to \"{version}\", the newest published runtime of SDK {minor}'s own minor (a pre-release: {minor} has no final release yet)"
        ),
        None => format!(
            "set it to a published runtime of SDK {minor}'s window ({}); the release data knows none yet",
            window(&sdk.version).describe()
        ),
    }
}
