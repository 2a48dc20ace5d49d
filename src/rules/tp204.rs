//! ## TP204: runtime that is not a published `tecton` release (warning)
//!
//! ### What it does
//! Reports an exact runtime version that no `tecton` release on PyPI has: `99.99.99` (left by a
//! development build's template), `0.10.0` (never released; 0.10 only had betas), a typo such as
//! `1.2.31`. The release list is compiled into tecton-preflight (`data/releases.toml`); a version
//! newer than that list may simply be newer than the tool.
//!
//! ### Why is this bad?
//! Tecton can only run jobs with a runtime it has built; an unknown version fails when the job
//! starts, or the apply is rejected.
//!
//! ### Example
//! ```yaml
//! tecton_materialization_runtime: "99.99.99"
//! ```
//!
//! ### Use instead
//! The newest release of your SDK's minor, such as `"1.2.13"`.

use super::{at_use, runtime_uses, Check, Context};
use crate::diagnostic::Diagnostic;
use crate::sdk::{releases, RuntimeForm};

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let releases = releases();
    for runtime in runtime_uses(context) {
        let RuntimeForm::Exact { minor, .. } = runtime.form else {
            continue;
        };
        if runtime.published {
            continue;
        }
        let help = match releases.newest_final(minor) {
            Some(newest) => format!("the newest {minor} release is \"{newest}\""),
            None => format!(
                "no {minor} release exists; release data from {} (see `data/releases.toml`)",
                releases.generated()
            ),
        };
        let diagnostic = Diagnostic::new(
            "TP204",
            format!(
                "runtime {} is not a published tecton release",
                runtime.value
            ),
        )
        .with_help(help);
        out.push(at_use(diagnostic, runtime));
    }
}
