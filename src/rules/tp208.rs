//! ## TP208: SDK version unknown (warning)
//!
//! ### What it does
//! Reports a root for which no SDK version could be found: no `--sdk-version`, no `tecton` pin in
//! the `requirements*.txt`, `pyproject.toml` or `setup.cfg` of the root or a parent up to the git
//! top-level (outside git: up to the directory named on the command line), and no
//! `tecton` installed in the active virtual environment. The rules that need the SDK version (the
//! window, the required runtime and environment) are skipped. The message lists where it looked.
//! A pin file that cannot be read is reported under this code too, and so is a pin that selects
//! another version than the configuration's `sdk-version` (which wins for the checks, while pip
//! installs what the pin says).
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
        .map(|p| crate::report::relative_to(p, context.root))
        .collect();
    let looked = if looked.is_empty() {
        "no pin file was found in the root or above it up to the git top-level (outside git: up to the directory named on the command line), and no virtual environment is active".to_string()
    } else {
        format!("no `tecton` version found in {}", looked.join(", "))
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

#[cfg(test)]
mod tests {
    use crate::report::relative_to;
    use std::path::Path;

    #[test]
    fn paths_are_relative_to_the_root() {
        assert_eq!(
            relative_to(Path::new("/a/b/r.txt"), Path::new("/a/b")),
            "r.txt"
        );
        assert_eq!(
            relative_to(Path::new("/a/p.toml"), Path::new("/a/b/c")),
            "../../p.toml"
        );
    }
}
