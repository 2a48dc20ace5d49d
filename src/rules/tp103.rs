//! ## TP103: unknown key in the repo config (error)
//!
//! ### What it does
//! Reports a key that the repo config schema of the SDK version in use does not have, and lists
//! the keys that are valid at that place (suggesting the nearest one). Keys that only exist in
//! other SDK versions say which (`stream_source` needs SDK 1.2).
//!
//! ### Why is this bad?
//! Tecton's repo config models forbid extra keys: `tecton plan` stops with "Unexpected field name
//! … found at path". A misspelt key is never silently ignored, so it cannot be left in place.
//!
//! ### Example
//! ```yaml
//! defaults:
//!   stream_feature_view:
//!     tecton_materialisation_runtime: "1.2.13"
//! ```
//!
//! ### Use instead
//! ```yaml
//! defaults:
//!   stream_feature_view:
//!     tecton_materialization_runtime: "1.2.13"
//! ```

pub const CHECK: Option<super::Check> = None;
