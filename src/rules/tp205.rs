//! ## TP205: runtime that is a pre-release (warning)
//!
//! ### What it does
//! Reports a runtime that is a beta or release candidate (`1.1.0b15`, `0.8.0rc0`), usually left
//! behind by `tecton init` run with a pre-release SDK.
//!
//! ### Why is this bad?
//! Pre-releases are not supported for production jobs, and whether the server accepts them is not
//! documented. Stream jobs restart when the runtime is later changed to a final release.
//!
//! ### Example
//! ```yaml
//! tecton_materialization_runtime: "0.8.0rc0"
//! ```
//!
//! ### Use instead
//! ```yaml
//! tecton_materialization_runtime: "0.8.23"
//! ```

use super::{at_use, runtime_uses, Check, Context};
use crate::diagnostic::Diagnostic;
use crate::sdk::{releases, RuntimeForm};

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for runtime in runtime_uses(context) {
        let RuntimeForm::Exact {
            minor,
            prerelease: true,
            ..
        } = runtime.form
        else {
            continue;
        };
        let help = match releases().newest_final(minor) {
            Some(newest) => format!("use a final release, such as \"{newest}\""),
            None => {
                format!("{minor} has no final release yet; pin a final release of your SDK's minor")
            }
        };
        let diagnostic = Diagnostic::new(
            "TP205",
            format!("runtime {} is a pre-release", runtime.value),
        )
        .with_help(help);
        out.push(at_use(diagnostic, runtime));
    }
}
