//! ## TP302: the SDK pin moves one minor (upgrade)
//!
//! Fix: mechanical. Applies to every hop, as step 2.
//!
//! ### What it does
//! Moves the `tecton` requirement that `check` found (in `requirements*.txt`, `pyproject.toml` or
//! `setup.cfg`) to the next minor, keeping its form: `~=1.1.0` becomes `~=1.2.0`, `>=1.1,<1.2`
//! becomes `>=1.2,<1.3`, an exact `==1.1.20` becomes the newest final patch `==1.2.13`. Extras and
//! markers are kept.
//!
//! ### Why is this bad?
//! Tecton supports one hop of one minor at a time: each guide upgrades from the previous minor,
//! and the runtime window of every SDK reaches only the next minor. The pin is what CI installs
//! before `tecton apply`, so it is the SDK bump.
//!
//! ### Example
//! ```text
//! tecton[pyspark]~=1.1.0
//! ```
//!
//! ### Use instead
//! ```text
//! tecton[pyspark]~=1.2.0
//! ```
//! A requirement that cannot be moved by its numbers (a URL, a wheel file) needs a person.

use crate::upgrade::edits::move_pin;
use crate::upgrade::{Change, HopInput, Phase};

pub const CHECK: Option<super::Check> = None;

pub(crate) fn migrate(input: &HopInput<'_>, out: &mut Vec<Change>) {
    let Some((span, requirement)) = input.pin else {
        return;
    };
    let hop = input.hop;
    let moved = move_pin(requirement, hop.from, hop.to);
    let message = format!(
        "tecton pin `{requirement}` -> `{moved}` (SDK {} -> {})",
        hop.from, hop.to
    );
    if crate::sdk::requirement_minor(&moved) == Some(hop.to) {
        let edit = crate::fix::Edit::new(&span.file, span.start, span.end, moved);
        out.push(Change::edit(
            "TP302",
            Phase::Bump,
            span.clone(),
            message,
            vec![edit],
        ));
    } else {
        out.push(Change::human(
            "TP302",
            Phase::Bump,
            span.clone(),
            message,
            format!(
                "the pin cannot be moved by its version numbers: pin `tecton~={}.0` by hand",
                hop.to
            ),
        ));
    }
}
