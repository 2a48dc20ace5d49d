//! ## TP007: an import of a module that is neither in the repository nor installed (warning)
//!
//! ### What it does
//! When a virtual environment is active (`VIRTUAL_ENV`) and has `tecton` installed, reports an
//! `import` of a module that is not in the feature repository, not in that environment's
//! `site-packages` (or the folders its `.pth` files add) and not in the standard library. Imports
//! inside a `try` with an `except`, and imports under a condition that cannot be decided, are left
//! alone; without an active environment nothing is reported. A `.pth` file that runs code (an
//! editable install's import hook) turns the rule off, since it can provide any module.
//!
//! ### Why is this bad?
//! Tecton imports every file of the repository; in that environment `tecton plan` stops with
//! ModuleNotFoundError. It is a warning rather than an error because the environment that runs
//! `tecton plan` (a CI job, a deployment image) may install what the local one lacks: the finding
//! is about the environment as much as the code.
//!
//! ### Example
//! ```python
//! from company_utils.dates import to_utc   # not installed in the active environment
//! ```
//!
//! ### Use instead
//! Install the package where `tecton plan` runs and list it in the requirements, or move the
//! module into the repository.

pub const CHECK: Option<super::Check> = None;
