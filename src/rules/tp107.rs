//! ## TP107: a repo config value Tecton rejects when it builds a view with it (error)
//!
//! ### What it does
//! Reports a cluster config in `repo.yaml` (`batch_compute`, `stream_compute`) that the SDK reads
//! without complaint but refuses when `tecton plan` builds a view or table with it: an
//! `instance_availability` other than `spot`, `on_demand` or `spot_with_fallback`, a pinned
//! `dbr_version` or `emr_version` outside the set that SDK version supports, an EMR
//! `python_version` it does not know, and (SDK 0.8.0 only) a JSON cluster config without `json`.
//! The supported sets are read from each SDK's `configs.py` (`data/repo_config_schema.json`).
//!
//! ### Why is this bad?
//! The repo config loads, so nothing fails until the first view is built; then `tecton plan`
//! stops with "Databricks version 10.4.x-scala2.12 is not supported" or "Instance availability
//! spot_fallback is not supported". The supported Spark versions change with the SDK: SDK 1.2
//! drops DBR 10.4 and EMR 6.9.0, so a pin that worked before an upgrade breaks after it.
//!
//! ### Example
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     batch_compute:
//!       kind: DatabricksClusterConfig
//!       instance_availability: spot_fallback
//!       dbr_version: 10.4.x-scala2.12      # with SDK 1.2
//! ```
//!
//! ### Use instead
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     batch_compute:
//!       kind: DatabricksClusterConfig
//!       instance_availability: spot_with_fallback
//!       dbr_version: 13.3.x-scala2.12
//! ```

pub const CHECK: Option<super::Check> = None;
