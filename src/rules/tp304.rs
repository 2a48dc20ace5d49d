//! ## TP304: a keyword argument the next SDK renamed or removed (upgrade)
//!
//! Fix: mechanical for a rename; a person for a removal or a new required argument.
//!
//! ### What it does
//! Compares every keyword of every call of a Tecton decorator or class with the signatures of the
//! old and the next SDK (`data/sdk_api.toml`):
//! - renamed: `aggregation_mode` -> `stream_processing_mode` and `max_batch_aggregation_interval`
//!   -> `max_backfill_interval` (0.8), `BatchFeatureView(batch_compaction_enabled=)` ->
//!   `compaction_enabled` (0.9), `FeatureService(on_demand_environment=)` ->
//!   `realtime_environment` (1.2). When the old SDK already accepts the new keyword, the rename is
//!   part of step 1 (SDK 1.0 and 1.1 accept `realtime_environment`);
//! - removed, or newly required (`StreamFeatureView(timestamp_field=)` in 1.2): a person decides;
//! - positional arguments of a class that became keyword-only (the config classes, pydantic models
//!   from 0.8 on: `DatabricksClusterConfig("m5.xlarge")`): each gets its name from the old SDK's
//!   order, in step 1, as the old SDK takes the names too. More arguments than the old order
//!   names, or a `*` expansion, need a person.
//!
//! ### Why is this bad?
//! A keyword the SDK does not accept fails the import with `TypeError: got an unexpected keyword
//! argument`; `max_batch_aggregation_interval` fails with a `ValueError` from 0.8 on; a positional
//! argument of a keyword-only class with `TypeError: BaseModel.__init__() takes 1 positional
//! argument but 2 were given`.
//!
//! ### Example
//! ```python
//! FeatureService(name="fraud", features=[...], on_demand_environment="tecton-core-1.1.0")
//! ```
//!
//! ### Use instead
//! ```python
//! FeatureService(name="fraud", features=[...], realtime_environment="tecton-core-1.1.0")
//! ```

use crate::sdk::api::{Callable, SdkApi};
use crate::sdk::Minor;
use crate::upgrade::{Change, HopInput, Phase};

pub const CHECK: Option<super::Check> = None;

/// (the minor that renames it, old keyword, new keyword): on any Tecton callable that has the new one.
const RENAMES: &[((u64, u64), &str, &str)] = &[
    ((0, 8), "aggregation_mode", "stream_processing_mode"),
    (
        (0, 8),
        "max_batch_aggregation_interval",
        "max_backfill_interval",
    ),
    ((0, 9), "batch_compaction_enabled", "compaction_enabled"),
    ((1, 2), "on_demand_environment", "realtime_environment"),
];

/// The parameter order of SDK 0.7's config classes (read from 0.7.13's signatures), which 0.8
/// made keyword-only (`data/sdk_api.toml`'s `keyword_only`). `DynamoConfig` took no argument.
const ORDER_07: &[(&str, &[&str])] = &[
    (
        "DatabricksClusterConfig",
        &[
            "instance_type",
            "instance_availability",
            "number_of_workers",
            "first_on_demand",
            "extra_pip_dependencies",
            "spark_config",
            "dbr_version",
        ],
    ),
    (
        "EMRClusterConfig",
        &[
            "instance_type",
            "instance_availability",
            "number_of_workers",
            "first_on_demand",
            "root_volume_size_in_gb",
            "extra_pip_dependencies",
            "spark_config",
            "emr_version",
        ],
    ),
    ("DatabricksJsonClusterConfig", &["json"]),
    ("EMRJsonClusterConfig", &["json"]),
    ("DataprocJsonClusterConfig", &["json"]),
    ("ParquetConfig", &["subdirectory_override"]),
    (
        "DeltaConfig",
        &["time_partition_size", "subdirectory_override"],
    ),
    ("RedisConfig", &["primary_endpoint", "authentication_token"]),
    ("LoggingConfig", &["sample_rate", "log_effective_times"]),
    (
        "KinesisOutputStream",
        &["stream_name", "region", "options", "include_features"],
    ),
    (
        "KafkaOutputStream",
        &[
            "kafka_bootstrap_servers",
            "topics",
            "options",
            "include_features",
        ],
    ),
    (
        "DatetimePartitionColumn",
        &["column_name", "datepart", "zero_padded", "format_string"],
    ),
];

/// Keywords the SDK keeps in its signature but refuses with an error of its own.
const REFUSED: &[((u64, u64), &str)] = &[
    ((0, 8), "aggregation_mode"),
    ((0, 8), "max_batch_aggregation_interval"),
];

/// For a keyword an SDK refuses (a TP001 today): the keyword that replaced it, as a help sentence.
pub(crate) fn hint(keyword: &str) -> Option<String> {
    RENAMES
        .iter()
        .find(|(_, old, _)| *old == keyword)
        .map(|((major, minor), _, new)| {
            format!(
                "`{new}=` replaced it in SDK {major}.{minor} (migration TP304, which `tecton-preflight upgrade` applies)"
            )
        })
}

fn accepts(callable: &Callable, keyword: &str) -> bool {
    callable.var_keyword || callable.params.iter().any(|p| p == keyword)
}

fn callable<'a>(api: &'a SdkApi, qualified: &str) -> Option<(&'a Callable, String)> {
    let (module, name) = qualified.rsplit_once('.')?;
    api.callable(module, name).map(|c| (c, name.to_string()))
}

pub(crate) fn migrate(input: &HopInput<'_>, out: &mut Vec<Change>) {
    let (Some(old), Some(new)) = (input.old_api, input.new_api) else {
        return;
    };
    let to = input.hop.to;
    let bridge = to == (Minor { major: 1, minor: 0 });
    let at = |m: (u64, u64)| {
        Minor {
            major: m.0,
            minor: m.1,
        } <= to
            && Minor {
                major: m.0,
                minor: m.1,
            } > input.hop.from
    };
    for file in input.files {
        for keyword in &file.syntax.keywords {
            let Some((old_callable, name)) = callable(old, &keyword.callee) else {
                continue;
            };
            // Under the bridge to 1.0, `tecton.X` is imported from `tecton.v09_compat`.
            let new_name = match keyword.callee.strip_prefix("tecton.") {
                Some(rest) if bridge && !rest.contains('.') => format!("tecton.v09_compat.{rest}"),
                _ => keyword.callee.clone(),
            };
            let Some((new_callable, _)) = callable(new, &new_name) else {
                continue;
            };
            let refused = REFUSED.iter().any(|(m, k)| at(*m) && *k == keyword.name);
            let dropped =
                accepts(old_callable, &keyword.name) && !accepts(new_callable, &keyword.name);
            if !(dropped || refused) {
                continue;
            }
            let rename = RENAMES.iter().find(|(m, from, replacement)| {
                at(*m) && *from == keyword.name && accepts(new_callable, replacement)
            });
            match rename {
                Some((_, _, replacement)) => {
                    let phase = if accepts(old_callable, replacement)
                        && !REFUSED.iter().any(|(m, k)| {
                            *m <= (input.hop.from.major, input.hop.from.minor) && k == replacement
                        }) {
                        Phase::OldSdk
                    } else {
                        Phase::Bump
                    };
                    let span = &keyword.name_span;
                    out.push(Change::edit(
                        "TP304",
                        phase,
                        span.clone(),
                        format!(
                            "`{name}({}=...)` is `{replacement}=` in SDK {to}",
                            keyword.name
                        ),
                        vec![crate::fix::Edit::new(
                            &span.file,
                            span.start(),
                            span.end(),
                            *replacement,
                        )],
                    ));
                }
                None => out.push(Change::human(
                    "TP304",
                    Phase::Bump,
                    keyword.name_span.clone(),
                    format!("`{name}` does not accept `{}=` in SDK {to}", keyword.name),
                    "remove the argument, or replace it as the SDK's release notes say".to_string(),
                )),
            }
        }
        name_positional_arguments(input, old, new, file, out);
        // Arguments the new SDK requires that the old one did not.
        for call in &file.syntax.calls {
            let Some((old_callable, name)) = callable(old, &call.callee) else {
                continue;
            };
            let new_name = match call.callee.strip_prefix("tecton.") {
                Some(rest) if bridge && !rest.contains('.') => format!("tecton.v09_compat.{rest}"),
                _ => call.callee.clone(),
            };
            let Some((new_callable, _)) = callable(new, &new_name) else {
                continue;
            };
            if call.positional > 0 || call.spread || old_callable.var_keyword {
                continue;
            }
            let given: Vec<&str> = file
                .syntax
                .keywords
                .iter()
                .filter(|k| {
                    k.name_span.start() > call.span.start() && k.name_span.end() <= call.span.end()
                })
                .map(|k| k.name.as_str())
                .collect();
            for required in &new_callable.required {
                if old_callable.required.contains(required) || given.contains(&required.as_str()) {
                    continue;
                }
                out.push(Change::human(
                    "TP304",
                    Phase::Bump,
                    call.span.clone(),
                    format!("`{name}` requires `{required}=` in SDK {to}"),
                    format!("add `{required}=` with the value the view has today"),
                ));
            }
        }
    }
}

/// Positional arguments of a class the next SDK takes by keyword only: each is named from the old
/// SDK's order (known for 0.7's config classes), in step 1.
fn name_positional_arguments(
    input: &HopInput<'_>,
    old: &SdkApi,
    new: &SdkApi,
    file: &crate::upgrade::PythonFile,
    out: &mut Vec<Change>,
) {
    for call in &file.syntax.call_trees {
        let Some((module, name)) = call.callee.rsplit_once('.') else {
            continue;
        };
        if call.args.is_empty()
            || !new.takes_keywords_only(module, name)
            || old.takes_keywords_only(module, name)
        {
            continue;
        }
        let message = format!(
            "`{name}` takes keyword arguments only in SDK {}",
            input.hop.to
        );
        let order = (input.hop.from == Minor { major: 0, minor: 7 } && module == "tecton")
            .then(|| ORDER_07.iter().find(|(class, _)| *class == name))
            .flatten()
            .map(|(_, order)| *order);
        let written = |span: &crate::diagnostic::Span| {
            file.text
                .get(span.start()..span.end())
                .unwrap_or("")
                .starts_with('*')
        };
        let starred = call.args.iter().any(|a| written(&a.span));
        match order {
            Some(order) if !starred && call.args.len() <= order.len() => {
                let edits = call
                    .args
                    .iter()
                    .zip(order)
                    .map(|(arg, field)| {
                        crate::fix::Edit::new(
                            &arg.span.file,
                            arg.span.start(),
                            arg.span.start(),
                            format!("{field}="),
                        )
                    })
                    .collect();
                out.push(Change::edit(
                    "TP304",
                    Phase::OldSdk,
                    call.span.clone(),
                    format!("{message}: each argument is named"),
                    edits,
                ));
            }
            _ => out.push(Change::human(
                "TP304",
                Phase::Bump,
                call.span.clone(),
                message,
                "pass every argument by name (the field it sets in the old SDK)".to_string(),
            )),
        }
    }
}
