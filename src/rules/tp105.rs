//! ## TP105: config object without `kind:` or with an unknown kind (error)
//!
//! ### What it does
//! Reports a config object (`batch_compute`, `stream_compute`, `online_store`, `offline_store`,
//! `staging_table_format`, `aggregation_leading_edge`) that has no `kind:`, or a kind that is not
//! valid there for the SDK version, and lists the valid kinds.
//!
//! ### Why is this bad?
//! Tecton picks the config class by `kind:`; without it `tecton plan` stops with "Missing 'kind'
//! field at …".
//!
//! ### Example
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     batch_compute:
//!       instance_type: m5.xlarge
//! ```
//!
//! ### Use instead
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     batch_compute:
//!       kind: DatabricksClusterConfig
//!       instance_type: m5.xlarge
//! ```

pub const CHECK: Option<super::Check> = None;
