//! ## TP309: SDK 0.8 needs a repo config (upgrade)
//!
//! Fix: mechanical. Applies to the hop 0.7 -> 0.8, with the SDK bump.
//!
//! ### What it does
//! Writes `repo.yaml` at the root when there is none, as Tecton's 0.7 to 0.8 guide has
//! `tecton repo-config init --parquet` do after installing 0.8: a
//! `tecton_materialization_runtime` default of the newest 0.8 release for batch views, stream views
//! and feature tables, and, for batch and stream views, the Parquet staging format that 0.7 used
//! by default.
//!
//! ### Why is this bad?
//! From 0.8, `tecton plan` and `tecton apply` stop with "A repo config is required for this command
//! and not found". And 0.8 changed the default offline store of batch and stream views from
//! Parquet to Delta: without the Parquet default, every materialized view would be recreated, which
//! Tecton blocks while the SDK version changes (feature tables defaulted to Delta already).
//!
//! ### Example
//! A 0.7 repository: no `repo.yaml`.
//!
//! ### Use instead
//! ```yaml
//! defaults:
//!   batch_feature_view:
//!     tecton_materialization_runtime: "0.8.23"
//!     offline_store:
//!       kind: OfflineStoreConfig
//!       staging_table_format:
//!         kind: ParquetConfig
//!   stream_feature_view: ...   # the same
//!   feature_table:
//!     tecton_materialization_runtime: "0.8.23"
//! ```

use crate::upgrade::{Change, HopInput, Phase};

pub const CHECK: Option<super::Check> = None;

pub(crate) fn migrate(input: &HopInput<'_>, out: &mut Vec<Change>) {
    let to = input.hop.to;
    if (to.major, to.minor) != (0, 8) || input.config_exists {
        return;
    }
    let Some(runtime) = crate::sdk::releases().newest_final(to) else {
        return;
    };
    let parquet = "    offline_store:\n      kind: OfflineStoreConfig\n      staging_table_format:\n        kind: ParquetConfig\n";
    let text = format!(
        "# Tecton repo config: the defaults `tecton plan` and `tecton apply` merge into every object.\n\
         # Written by `tecton-preflight upgrade` for SDK {to}; Parquet keeps the offline store of SDK 0.7.\n\
         defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"{runtime}\"\n{parquet}  \
         stream_feature_view:\n    tecton_materialization_runtime: \"{runtime}\"\n{parquet}  \
         feature_table:\n    tecton_materialization_runtime: \"{runtime}\"\n"
    );
    let path = input.config_path;
    let span = crate::diagnostic::Span::whole_file(path);
    out.push(Change::edit(
        "TP309",
        Phase::Bump,
        span,
        format!("create repo.yaml: runtime {runtime} for every materialized view and table, Parquet offline store for batch and stream views"),
        vec![crate::fix::Edit::new(path, 0, 0, text)],
    ));
}
