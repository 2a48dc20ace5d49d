//! ## TP104: wrong type in the repo config (error)
//!
//! ### What it does
//! Reports a value of the wrong type, as Tecton reads it (YAML 1.1): above all a runtime written as
//! a bare number. `1.0` and `0.9` are floats to YAML, and `1.10` is the float 1.1.
//!
//! ### Why is this bad?
//! Since SDK 0.8.23 the repo config is strictly typed: `tecton plan` stops with "Invalid type for
//! tecton_materialization_runtime … Got 1.0 (<class 'float'>)". Only SDK 0.8.0 turned numbers into
//! strings.
//!
//! ### Example
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     tecton_materialization_runtime: 1.0
//! ```
//!
//! ### Use instead
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     tecton_materialization_runtime: "1.0.0"
//! ```
//!
//! ### Fix
//! Fixable (`[*]`, safe): `check --fix` writes a plain two-part number as the quoted full version
//! it stands for, the one the help names (`1.0` becomes `"1.0.0"`, `1.10` becomes `"1.10.0"`), and
//! keeps every other byte. Integers, booleans, dates, exponents and tagged values are left to you:
//! what they mean is a guess.

pub const CHECK: Option<super::Check> = None;
