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
//! A requirement that cannot be moved by its numbers (a URL, a wheel file) needs a person. Every
//! other `tecton` requirement of the same file that pins the old minor (`tecton[rift]~=1.1.0`
//! beside `tecton[pyspark]~=1.1.0`) moves in the same edit, or pip could not install both.

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
        let mut edits = vec![crate::fix::Edit::new(
            &span.file,
            span.start(),
            span.end(),
            moved,
        )];
        let mut also = Vec::new();
        // Another `tecton` line of the same file (`tecton[rift]~=1.1.0` beside
        // `tecton[pyspark]~=1.1.0`) moves with it: pip installs one version for both.
        for other in crate::sdk::other_pins(&span.file, input.pin_text, span) {
            let Some(written) = input.pin_text.get(other.start()..other.end()) else {
                continue;
            };
            if crate::sdk::requirement_minor(written) != Some(hop.from) {
                continue;
            }
            let moved = move_pin(written, hop.from, hop.to);
            if crate::sdk::requirement_minor(&moved) == Some(hop.to) {
                also.push(format!("`{written}` -> `{moved}`"));
                edits.push(crate::fix::Edit::new(
                    &other.file,
                    other.start(),
                    other.end(),
                    moved,
                ));
            }
        }
        let message = if also.is_empty() {
            message
        } else {
            format!("{message}, with {}", also.join(", "))
        };
        out.push(Change::edit(
            "TP302",
            Phase::Bump,
            span.clone(),
            message,
            edits,
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
