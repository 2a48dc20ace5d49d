//! ## TP208: SDK version unknown (warning)
//!
//! ### What it does
//! Reports a root for which no SDK version could be found: no `--sdk-version`, no `tecton` pin in
//! the root's (or the git repository's) `requirements*.txt`, `pyproject.toml` or `setup.cfg`, and no
//! `tecton` installed in the active virtual environment. The rules that need the SDK version (the
//! window, the required runtime and environment) are skipped. The message lists where it looked.
//! A pin file that cannot be read is reported under this code too.
//!
//! ### Why is this bad?
//! The runtime window is relative to the SDK that runs `tecton apply`; without it the most
//! important checks cannot run.
//!
//! ### Example
//! A `requirements.txt` with `tecton` unpinned.
//!
//! ### Use instead
//! ```text
//! tecton[pyspark]~=1.2.0
//! ```
//! or `tecton-preflight check --sdk-version 1.2`.

use super::{Check, Context};
use crate::diagnostic::Diagnostic;

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if context.sdk.is_some() {
        return;
    }
    let looked: Vec<String> = context
        .sdk_searched
        .iter()
        .map(|p| {
            p.strip_prefix(context.root)
                .map(|r| r.display().to_string())
                .unwrap_or_else(|_| p.display().to_string())
        })
        .collect();
    let looked = if looked.is_empty() {
        "no pin file was found in the root or up to the git top-level, and no virtual environment is active".to_string()
    } else {
        format!("looked in {}", looked.join(", "))
    };
    out.push(
        Diagnostic::new(
            "TP208",
            format!(
                "the Tecton SDK version is unknown ({looked}); the runtime window rules are skipped"
            ),
        )
        .at(context.marker())
        .with_help(
            "pin it in requirements.txt (`tecton[pyspark]~=1.2.0`) or pass `--sdk-version 1.2`",
        ),
    );
}
