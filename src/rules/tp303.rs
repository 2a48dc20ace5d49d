//! ## TP303: a name the next SDK renamed or removed (upgrade)
//!
//! Fix: mechanical for a rename; a person for a removal without a replacement.
//!
//! ### What it does
//! Finds every `from tecton import X` (and `tecton.X` after `import tecton`) where the old SDK has
//! `X` and the next one does not, from the SDK's own export lists (`data/sdk_api.toml`):
//! - renamed: `AggregationMode` -> `StreamProcessingMode` (0.8), `RiftClusterConfig` ->
//!   `RiftBatchConfig` (0.9). The import and every use in the file are renamed; when the old SDK
//!   already has the new name, this is done in step 1, otherwise with the SDK bump;
//! - moved: `from tecton.framework.transformation import PANDAS_MODE` (and the other `*_MODE`
//!   constants) becomes `from tecton import PANDAS_MODE` before 0.9, in step 1;
//! - removed: `DataprocJsonClusterConfig` and `SNOWPARK_MODE` (1.2), `Prompt` (1.1) and the others
//!   the data lists. The step waits for a person, with the choices.
//!
//! ### Why is this bad?
//! `tecton plan` imports every file; an import of a name the SDK no longer has fails with
//! `ImportError: cannot import name 'X' from 'tecton'` and nothing can be applied.
//!
//! ### Example
//! ```python
//! from tecton import RiftClusterConfig    # SDK 0.8, upgrading to 0.9
//! ```
//!
//! ### Use instead
//! ```python
//! from tecton import RiftBatchConfig
//! ```

use crate::fix::Edit;
use crate::sdk::api::Import;
use crate::sdk::Minor;
use crate::upgrade::{Change, HopInput, Phase};

pub const CHECK: Option<super::Check> = None;

/// (the minor that renames it, module, old name, new name).
const RENAMES: &[((u64, u64), &str, &str, &str)] = &[
    ((0, 8), "tecton", "AggregationMode", "StreamProcessingMode"),
    ((0, 9), "tecton", "RiftClusterConfig", "RiftBatchConfig"),
];

/// For a name an SDK no longer exports (a TP001 today): the migration that replaces it, as a help
/// sentence (`AggregationMode` -> "`StreamProcessingMode` replaced it in SDK 0.8 (migration TP303)").
pub(crate) fn hint(module: &str, name: &str) -> Option<String> {
    if let Some(((major, minor), _, _, new)) = RENAMES
        .iter()
        .find(|(_, m, old, _)| *m == module && *old == name)
    {
        return Some(format!(
            "`{new}` replaced it in SDK {major}.{minor} (migration TP303, which `tecton-preflight upgrade` applies)"
        ));
    }
    if module == "tecton.framework.transformation" && name.ends_with("_MODE") {
        return Some(
            "import it from `tecton`, which has it in every SDK (migration TP303, which `tecton-preflight upgrade` applies)"
                .to_string(),
        );
    }
    let help = removal_help(name);
    (help != removal_help("")).then(|| format!("{help} (migration TP303)"))
}

/// What to tell a person about a name removed without a replacement.
fn removal_help(name: &str) -> &'static str {
    match name {
        "DataprocJsonClusterConfig" => "SDK 1.2 has no Dataproc compute: choose DatabricksClusterConfig or EMRClusterConfig (a compute change, applied on its own)",
        "SNOWPARK_MODE" => "SDK 1.2 has no snowpark mode: rewrite the transformation in `snowflake_sql` mode",
        "FilteredSource" | "on_demand_feature_view" | "OnDemandFeatureView" | "Aggregation" => "use the 1.0 form (see TP306/TP307)",
        _ => "remove the use, or replace it as the SDK's release notes say",
    }
}

/// The modules whose export lists are compared here (the compatibility modules have rules of
/// their own).
const MODULES: &[&str] = &["tecton", "tecton.types", "tecton.aggregation_functions"];

/// A rename goes in step 1 when the old SDK already has the new name, else with the bump.
fn phase_of(old: &crate::sdk::api::SdkApi, module: &str, replacement: &str) -> Phase {
    if old.import(module, Some(replacement)) == Import::Ok {
        Phase::OldSdk
    } else {
        Phase::Bump
    }
}

/// 0.9 moved the `*_MODE` constants out of `tecton.framework.transformation`; `tecton` exports
/// them in 0.8 and 0.9 alike, so the import moves in step 1.
fn moved_mode_constants(input: &HopInput<'_>, out: &mut Vec<Change>) {
    let (Some(old), Some(new)) = (input.old_api, input.new_api) else {
        return;
    };
    if input.hop.to != (Minor { major: 0, minor: 9 }) {
        return;
    }
    for file in input.files {
        for import in &file.syntax.imports {
            if import.level != 0 || import.module != "tecton.framework.transformation" {
                continue;
            }
            let exported = |api: &crate::sdk::api::SdkApi| {
                import.names.iter().all(|n| {
                    n.name.ends_with("_MODE") && api.import("tecton", Some(&n.name)) == Import::Ok
                })
            };
            if !exported(old) || !exported(new) {
                continue;
            }
            let span = &import.module_span;
            out.push(Change::edit(
                "TP303",
                Phase::OldSdk,
                span.clone(),
                "`tecton.framework.transformation` no longer holds the `*_MODE` constants in SDK 0.9: import them from `tecton`".to_string(),
                vec![Edit::new(&span.file, span.start(), span.end(), "tecton")],
            ));
        }
    }
}

pub(crate) fn migrate(input: &HopInput<'_>, out: &mut Vec<Change>) {
    moved_mode_constants(input, out);
    let (Some(old), Some(new)) = (input.old_api, input.new_api) else {
        return;
    };
    let to = input.hop.to;
    for file in input.files {
        for import in &file.syntax.imports {
            if import.level != 0 || !MODULES.contains(&import.module.as_str()) {
                continue;
            }
            // The bridge to 1.0 moves `tecton` imports to `tecton.v09_compat` (TP306).
            if import.module == "tecton" && to == (Minor { major: 1, minor: 0 }) {
                continue;
            }
            for name in &import.names {
                let gone = old.import(&import.module, Some(&name.name)) == Import::Ok
                    && new.import(&import.module, Some(&name.name)) == Import::NoName;
                if !gone {
                    continue;
                }
                let rename = RENAMES.iter().find(|(m, module, from, _)| {
                    Minor {
                        major: m.0,
                        minor: m.1,
                    } == to
                        && *module == import.module
                        && *from == name.name
                });
                match rename {
                    Some((_, module, _, replacement)) => {
                        let mut edits = vec![Edit::new(
                            &name.span.file,
                            name.span.start(),
                            name.span.end(),
                            *replacement,
                        )];
                        if name.asname.is_none() {
                            let qualified = format!("{module}.{}", name.name);
                            for reference in &file.syntax.names {
                                let head = reference.segments.first();
                                let uses = reference.qualified == qualified
                                    || reference.qualified.starts_with(&format!("{qualified}."));
                                if let (true, Some((text, span))) = (uses, head) {
                                    if *text == name.name {
                                        edits.push(Edit::new(
                                            &span.file,
                                            span.start(),
                                            span.end(),
                                            *replacement,
                                        ));
                                    }
                                }
                            }
                        }
                        out.push(Change::edit(
                            "TP303",
                            phase_of(old, module, replacement),
                            name.span.clone(),
                            format!("`{}` is renamed `{replacement}` in SDK {to}", name.name),
                            edits,
                        ));
                    }
                    None => out.push(Change::human(
                        "TP303",
                        Phase::Bump,
                        name.span.clone(),
                        format!(
                            "`{}` is removed from `{}` in SDK {to}",
                            name.name, import.module
                        ),
                        removal_help(&name.name).to_string(),
                    )),
                }
            }
        }
        // `import tecton` and `tecton.X`.
        for reference in &file.syntax.names {
            let Some(rest) = reference.qualified.strip_prefix("tecton.") else {
                continue;
            };
            let Some((head, _)) = reference.segments.first() else {
                continue;
            };
            if head != "tecton" || reference.segments.len() < 2 {
                continue;
            }
            let name = rest.split('.').next().unwrap_or(rest);
            if to == (Minor { major: 1, minor: 0 })
                || MODULES.iter().any(|m| *m == format!("tecton.{name}"))
            {
                continue;
            }
            let gone = old.import("tecton", Some(name)) == Import::Ok
                && new.import("tecton", Some(name)) == Import::NoName;
            if !gone {
                continue;
            }
            let (_, span) = &reference.segments[1];
            match RENAMES.iter().find(|(m, _, from, _)| {
                Minor {
                    major: m.0,
                    minor: m.1,
                } == to
                    && *from == name
            }) {
                Some((_, _, _, replacement)) => {
                    out.push(Change::edit(
                        "TP303",
                        phase_of(old, "tecton", replacement),
                        span.clone(),
                        format!("`tecton.{name}` is renamed `tecton.{replacement}` in SDK {to}"),
                        vec![Edit::new(
                            &span.file,
                            span.start(),
                            span.end(),
                            *replacement,
                        )],
                    ));
                }
                None => out.push(Change::human(
                    "TP303",
                    Phase::Bump,
                    span.clone(),
                    format!("`tecton.{name}` is removed in SDK {to}"),
                    removal_help(name).to_string(),
                )),
            }
        }
    }
}
