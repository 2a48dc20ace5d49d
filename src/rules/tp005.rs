//! ## TP005: the tecton-preflight configuration is invalid (error)
//!
//! ### What it does
//! Reports a problem in `tecton-preflight.toml` or in the `[tool.tecton-preflight]` table of
//! `pyproject.toml`: not valid TOML, an unknown key (the valid keys are listed), a value of the
//! wrong type, a rule code that does not exist, a glob that cannot be read. The rest of the
//! configuration still applies.
//!
//! ### Why is this bad?
//! A misspelt `ignore` would silently check what you meant to skip, or the other way round; a
//! typo must never be ignored.
//!
//! ### Example
//! ```toml
//! [tool.tecton-preflight]
//! ignor = ["TP210"]
//! ```
//!
//! ### Use instead
//! ```toml
//! [tool.tecton-preflight]
//! ignore = ["TP210"]
//! ```

pub const CHECK: Option<super::Check> = None;
