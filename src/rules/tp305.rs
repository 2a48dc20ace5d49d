//! ## TP305: a repo config key or kind the next SDK renamed or removed (upgrade)
//!
//! Fix: mechanical for a rename; a person for a removal.
//!
//! ### What it does
//! - `kind: RiftClusterConfig` becomes `kind: RiftBatchConfig` with the bump to 0.9 (the fields are
//!   the same);
//! - `defaults.feature_service.on_demand_environment` becomes `realtime_environment`, in step 1 on
//!   SDK 1.0 or 1.1 (both accept it) before the bump to 1.2;
//! - `kind: DataprocJsonClusterConfig` has no replacement in 1.2: a person chooses a compute.
//!
//! ### Why is this bad?
//! The SDK reads `repo.yaml` with a strict model: a key it does not know fails every command with
//! `Unexpected field name 'on_demand_environment' found at path`, and a kind it does not know with
//! `No match for discriminator 'kind' and value 'RiftClusterConfig'`.
//!
//! ### Example
//! ```yaml
//! defaults:
//!   feature_service:
//!     on_demand_environment: tecton-core-1.1.0
//! ```
//!
//! ### Use instead
//! ```yaml
//! defaults:
//!   feature_service:
//!     realtime_environment: tecton-core-1.1.0
//! ```

use crate::config;
use crate::sdk::Minor;
use crate::upgrade::{Change, HopInput, Phase};

pub const CHECK: Option<super::Check> = None;

pub(crate) fn migrate(input: &HopInput<'_>, out: &mut Vec<Change>) {
    let Some((path, text)) = input.config else {
        return;
    };
    let to = input.hop.to;
    let minor = |major, minor| Minor { major, minor };
    let entries = config::entries(path, text);
    for entry in &entries {
        let edit = |span: &crate::diagnostic::Span, new: &str| {
            crate::upgrade::edits::set_string(span, text, entry.value.as_deref().unwrap_or(""), new)
        };
        if entry.key == "kind"
            && to == minor(0, 9)
            && entry.value.as_deref() == Some("RiftClusterConfig")
        {
            let message = format!(
                "`kind: RiftClusterConfig` at `{}` is `RiftBatchConfig` in SDK 0.9",
                entry.path
            );
            out.push(match edit(&entry.value_span, "RiftBatchConfig") {
                Ok(e) => Change::edit(
                    "TP305",
                    Phase::Bump,
                    entry.value_span.clone(),
                    message,
                    vec![e],
                ),
                Err(why) => {
                    Change::human("TP305", Phase::Bump, entry.value_span.clone(), message, why)
                }
            });
        }
        if entry.key == "kind"
            && to == minor(1, 2)
            && entry.value.as_deref() == Some("DataprocJsonClusterConfig")
        {
            out.push(Change::human(
                "TP305",
                Phase::Bump,
                entry.value_span.clone(),
                format!("`kind: DataprocJsonClusterConfig` at `{}` is removed in SDK 1.2", entry.path),
                "SDK 1.2 has no Dataproc compute: choose DatabricksClusterConfig or EMRClusterConfig (a compute change, applied on its own)".into(),
            ));
        }
        if entry.key == "on_demand_environment"
            && entry.path == "defaults.feature_service"
            && to == minor(1, 2)
        {
            let message = "`defaults.feature_service.on_demand_environment` is `realtime_environment` in SDK 1.2".to_string();
            let both = entries
                .iter()
                .any(|e| e.path == entry.path && e.key == "realtime_environment");
            let written = text
                .get(entry.key_span.start()..entry.key_span.end())
                .unwrap_or("");
            if both {
                out.push(Change::human(
                    "TP305",
                    Phase::OldSdk,
                    entry.key_span.clone(),
                    message,
                    "`realtime_environment` is set too: keep one of the two".into(),
                ));
            } else if written == "on_demand_environment" {
                let e = crate::fix::Edit::new(
                    &entry.key_span.file,
                    entry.key_span.start(),
                    entry.key_span.end(),
                    "realtime_environment",
                );
                out.push(Change::edit(
                    "TP305",
                    Phase::OldSdk,
                    entry.key_span.clone(),
                    message,
                    vec![e],
                ));
            } else {
                out.push(Change::human(
                    "TP305",
                    Phase::OldSdk,
                    entry.key_span.clone(),
                    message,
                    "the key is quoted or escaped: rename it by hand".into(),
                ));
            }
        }
    }
}
