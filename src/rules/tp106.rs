//! ## TP106: duplicate key in the repo config (warning)
//!
//! ### What it does
//! Reports a key that appears twice in the same mapping of `repo.yaml`, pointing at both.
//!
//! ### Why is this bad?
//! PyYAML keeps the last value without a word, so the first one, often the one a reviewer reads,
//! has no effect.
//!
//! ### Example
//! ```yaml
//! defaults:
//!   stream_feature_view:
//!     tecton_materialization_runtime: "1.2.13"
//!     tecton_materialization_runtime: "1.1.20"
//! ```
//!
//! ### Use instead
//! Keep one of the two lines.

pub const CHECK: Option<super::Check> = None;
