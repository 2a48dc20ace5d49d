//! ## TP004: no feature repository root found, or `.tecton` unreadable (error)
//!
//! ### What it does
//! Reports a path with no feature repository: no directory holding `.tecton` at or above it (the
//! search stops at `$HOME`, as Tecton's does), and no `.tecton` (or, failing that, `repo.yaml`)
//! below it. Also reports a `.tecton` marker that cannot be read.
//!
//! ### Why is this bad?
//! Tecton finds the repository by its `.tecton` marker; without it `tecton plan` stops with
//! "Feature repository root not found".
//!
//! ### Example
//! ```text
//! features/
//!   repo.yaml
//!   entities.py
//! ```
//!
//! ### Use instead
//! Run `tecton init` in the repository's top directory; it writes the empty `.tecton` marker.

pub const CHECK: Option<super::Check> = None;
