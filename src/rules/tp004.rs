//! ## TP004: no feature repository root, or a root without its `.tecton` (error)
//!
//! ### What it does
//! Reports a path with no feature repository at, above or below it (the upward search stops at
//! `$HOME`, as Tecton's does), a `.tecton` marker that cannot be read, a root inside a hidden
//! directory, and a directory checked as a root although it has no `.tecton`.
//!
//! A directory without `.tecton` is a root only on evidence that it is a Tecton repository:
//! Python files below it import `tecton`, and it holds `repo.yaml`, or a `tecton` pin (or
//! `--sdk-version`) says which SDK's `tecton init` would set it up. It is then checked as
//! `tecton init` run there would leave it: an existing `repo.yaml` kept, a missing one taken from
//! that SDK's starter (every runtime default is the SDK's own version, e.g. `1.2.13`). The finding
//! says so, with a severity that says what the missing marker means:
//! - `.tecton` git-ignored: a note. The team runs `tecton init` in CI (Tecton's sample repository
//!   does, since its 1.1 update); when `repo.yaml` is not committed either, the note warns that
//!   the runtimes follow whatever SDK release CI installs.
//! - in git and not ignored: an error. A fresh clone has no root, and `tecton plan` fails there.
//! - outside git: a warning, since whether `tecton init` runs first cannot be told.
//!
//! ### Why is this bad?
//! Tecton finds the repository only by its `.tecton` marker: without it `tecton plan` stops with
//! "Feature repository root not found. Run `tecton init`". Running `tecton init` in CI instead
//! works, but when `repo.yaml` is git-ignored too, the `repo.yaml` it writes sets every runtime
//! default to the SDK installed at that moment: when the pin lets a new release in (`~=1.2.0`
//! picks up each patch), the next `tecton apply` changes the runtime of every materialized view
//! and restarts every Spark stream view, with no commit to review.
//!
//! ### Example
//! ```text
//! features/
//!   repo.yaml        # committed
//!   entities.py      # from tecton import Entity
//! ```
//! with no `features/.tecton`, and no `.gitignore` line for it: in a fresh clone,
//! `tecton plan` in `features/` fails.
//!
//! ### Use instead
//! Run `tecton init` in `features/` and commit the empty `.tecton` it writes, with `repo.yaml`
//! (Tecton recommends tracking `repo.yaml` in git). If CI runs `tecton init` before `tecton plan`,
//! git-ignore `.tecton`, and keep `repo.yaml` committed so that runtime changes are reviewed.

pub const CHECK: Option<super::Check> = None;
