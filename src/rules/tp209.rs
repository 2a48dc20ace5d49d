//! ## TP209: SDK version past its end of support (warning)
//!
//! ### What it does
//! Reports an SDK minor whose end-of-support date (from Tecton's release notes, kept in
//! `data/releases.toml`) is before today.
//!
//! ### Why is this bad?
//! Tecton: out-of-support versions "may break at any time". Runtimes are bounded by the SDK (+1
//! window), so an old SDK also holds the jobs' runtime back.
//!
//! ### Example
//! `tecton~=0.9.0` after 2025-04-03.
//!
//! ### Use instead
//! Upgrade one minor at a time: bump the runtimes to the next minor first (allowed by the window),
//! then the SDK.

use super::{Check, Context};
use crate::diagnostic::Diagnostic;
use crate::sdk::releases;

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(sdk) = context.sdk else {
        return;
    };
    let Some(end) = releases().end_of_support(sdk.version.minor) else {
        return;
    };
    if end >= context.today {
        return;
    }
    out.push(
        Diagnostic::new(
            "TP209",
            format!(
                "SDK {} reached its end of support on {end}; out-of-support versions may break at any time",
                sdk.version.minor
            ),
        )
        // At the pin (or `sdk-version`) itself, where a suppression or the fix goes.
        .at(match (&sdk.place, &sdk.source) {
            (Some(place), _) => place.clone(),
            (None, crate::sdk::SdkSource::PinFile(path) | crate::sdk::SdkSource::Installed(path)) => {
                crate::diagnostic::Span::whole_file(path)
            }
            _ => context.marker(),
        })
        .with_help(format!(
            "upgrade to {}: first move the runtimes to {}.x (allowed by the +1 window), then the SDK",
            releases().next_minor(sdk.version.minor),
            releases().next_minor(sdk.version.minor)
        )),
    );
}
