//! ## TP102: the repo config is not valid YAML (error)
//!
//! ### What it does
//! Reports a `repo.yaml` that PyYAML's `safe_load` cannot read (an unclosed quote, a tab in the
//! indentation, two documents), or whose top level is not a mapping, at the parser's position.
//!
//! ### Why is this bad?
//! Tecton stops with "Failed to parse the Tecton repo config … Likely invalid YAML." and applies
//! nothing.
//!
//! ### Example
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     tecton_materialization_runtime: "1.2.13
//! ```
//!
//! ### Use instead
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     tecton_materialization_runtime: "1.2.13"
//! ```

pub const CHECK: Option<super::Check> = None;
