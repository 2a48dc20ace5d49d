//! ## TP210: runtime older than the newest patch release of its minor (info)
//!
//! ### What it does
//! Notes a valid runtime for which a newer patch release of the same minor exists (`1.2.10` when
//! `1.2.13` is out).
//!
//! ### Why is this bad?
//! Tecton: "users should set tecton_materialization_runtime to the most up-to-date compatible
//! version". Patches are bug fixes. Bumping a stream view's runtime restarts its job (blue-green,
//! no downtime), so do it deliberately.
//!
//! ### Example
//! ```yaml
//! tecton_materialization_runtime: "1.2.10"
//! ```
//!
//! ### Use instead
//! ```yaml
//! tecton_materialization_runtime: "1.2.13"
//! ```
//!
//! ### Fix
//! Fixable (`[*]`, safe): `check --fix` bumps the runtime to the newest patch of its minor, the one
//! the help names, in place and in the same quoting, where it is written as a plain literal.
//! Applying it restarts the stream jobs that use it (blue-green, no downtime).

use super::{at_use, runtime_fix, runtime_uses, Check, Context};
use crate::diagnostic::Diagnostic;
use crate::sdk::{releases, window, RuntimeForm};

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let window = context.sdk.map(|sdk| window(&sdk.version));
    // Each minor's newest release, written out once: thousands of uses share a few minors.
    let mut newest_of: Vec<(crate::sdk::Minor, Option<String>)> = Vec::new();
    for runtime in runtime_uses(context) {
        let RuntimeForm::Exact {
            minor,
            prerelease: false,
            ..
        } = runtime.form
        else {
            continue;
        };
        if window.as_ref().is_some_and(|w| !w.allows(minor)) || !runtime.published {
            continue;
        }
        let newest = match newest_of.iter().find(|(m, _)| *m == minor) {
            Some((_, newest)) => newest.clone(),
            None => {
                let newest = releases().newest_final(minor);
                newest_of.push((minor, newest.clone()));
                newest
            }
        };
        let Some(newest) = newest else {
            continue;
        };
        if newest == runtime.value || !older(runtime.value, &newest) {
            continue;
        }
        let stream_note = if runtime
            .objects
            .iter()
            .any(|o| o.kind == crate::model::Kind::StreamFeatureView)
        {
            "; changing it restarts the stream jobs that use it (blue-green)"
        } else {
            ""
        };
        let mut diagnostic = Diagnostic::new(
            "TP210",
            format!(
                "runtime {} is older than {newest}, the newest {minor} release",
                runtime.value
            ),
        )
        .with_help(format!(
            "Tecton recommends the newest compatible runtime: \"{newest}\"{stream_note}"
        ));
        if let Some(fix) = runtime_fix(context, runtime, &newest) {
            diagnostic = diagnostic.with_fix(fix);
        }
        out.push(at_use(diagnostic, runtime));
    }
}

fn older(a: &str, b: &str) -> bool {
    match (
        a.parse::<pep440_rs::Version>(),
        b.parse::<pep440_rs::Version>(),
    ) {
        (Ok(a), Ok(b)) => a < b,
        _ => false,
    }
}
