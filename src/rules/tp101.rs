//! ## TP101: SDK 0.8+ and no repo config (error)
//!
//! ### What it does
//! Reports a root applied with SDK 0.8 or later that has no `repo.yaml` (or no file where
//! `--config` points).
//!
//! ### Why is this bad?
//! From 0.8 the repo config is required: `tecton plan`, `apply` and `test` stop with "A repo config
//! is required for this command and not found".
//!
//! ### Example
//! A root holding `.tecton` and Python files but no `repo.yaml`.
//!
//! ### Use instead
//! Run `tecton repo-config init` in the root; it writes a starter `repo.yaml` whose runtime
//! defaults are the installed SDK's version.

use super::{Check, Context};
use crate::diagnostic::Diagnostic;

pub const CHECK: Option<Check> = Some(check);

fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(sdk) = context.sdk else {
        return;
    };
    if context.config_exists || !sdk.version.at_least(0, 8, 0) {
        return;
    }
    out.push(
        Diagnostic::new(
            "TP101",
            format!(
                "SDK {} requires a repo config, and there is no {}",
                sdk.version.display,
                context
                    .config_path
                    .file_name()
                    .map_or("repo.yaml".into(), |n| n.to_string_lossy())
            ),
        )
        .at(context.marker())
        .with_help(format!(
            "run `tecton repo-config init` in the root; its runtime defaults will be {}",
            super::runtime_example(sdk)
        )),
    );
}
