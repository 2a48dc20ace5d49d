//! ## TP301: runtimes and environments move into the next minor before the SDK does (upgrade)
//!
//! Fix: mechanical, when the value is a plain string literal or a `repo.yaml` scalar. Applies to
//! every hop, as step 1 on the old SDK; defaults that `tecton init` writes move with the bump, and
//! a materialized Rift view without an environment needs a person at the bump to 0.9.
//!
//! ### What it does
//! On the way from SDK X.Y to the next minor, sets every `tecton_materialization_runtime` (in
//! `repo.yaml` defaults and in Python arguments) to the newest final patch of the next minor, and
//! every Tecton environment (`tecton-rift-core-0.9.0`, `tecton-core-1.1.0`) to the one the next
//! minor's `tecton init` writes. A value already in the next minor is left as it is.
//!
//! ### Why is this bad?
//! The +1 window of the old SDK allows the next minor's runtimes, and so does the new SDK's own
//! window: moving runtimes first, with the SDK unchanged, keeps every apply inside both windows.
//! Applying this step restarts every materialized Spark Stream Feature View whose runtime changes
//! (blue-green, zero downtime); `upgrade` lists them. Doing it in the same apply as the SDK bump
//! mixes two kinds of change in one plan.
//!
//! ### Example
//! ```yaml
//! defaults:
//!   stream_feature_view:
//!     tecton_materialization_runtime: "1.1.20"   # on SDK 1.1, upgrading to 1.2
//! ```
//!
//! ### Use instead
//! ```yaml
//! defaults:
//!   stream_feature_view:
//!     tecton_materialization_runtime: "1.2.13"
//! ```
//! A runtime built by an expression (an f-string, a concatenation) needs a person: the step names
//! it and writes nothing. A repository that git-ignores `repo.yaml` and runs `tecton init` in CI
//! (Tecton's sample repository) gets the defaults of the installed SDK's starter file: those move
//! with the bump by themselves, and the bump lists them with the stream views they restart.

use crate::config::{self, Section};
use crate::upgrade::edits::{environment_minor, set_string};
use crate::upgrade::{Change, HopInput, Phase};

pub const CHECK: Option<super::Check> = None;

pub(crate) fn migrate(input: &HopInput<'_>, out: &mut Vec<Change>) {
    let releases = crate::sdk::releases();
    let to = input.hop.to;
    let Some(runtime) = releases.newest_final(to) else {
        return;
    };
    let environment = releases.starter_environment(to);
    // Every written value once: (place, value, what uses it).
    let mut runtimes: Vec<(crate::diagnostic::Span, String)> = Vec::new();
    let mut environments: Vec<(crate::diagnostic::Span, String)> = Vec::new();
    // The places already taken, as sets: thousands of views may each write their own value.
    let mut runtimes_at = std::collections::HashSet::new();
    let mut environments_at = std::collections::HashSet::new();
    let push = |list: &mut Vec<(crate::diagnostic::Span, String)>,
                taken: &mut std::collections::HashSet<crate::diagnostic::Span>,
                span: &crate::diagnostic::Span,
                value: &str| {
        if taken.insert(span.clone()) {
            list.push((span.clone(), value.to_string()));
        }
    };
    for object in input.objects {
        // Edit where the value is written: the literal of a constant the argument names, when
        // it names one.
        if let Some(setting) = &object.runtime {
            push(
                &mut runtimes,
                &mut runtimes_at,
                setting.set_at.as_ref().unwrap_or(&setting.span),
                &setting.value,
            );
        }
        if let Some(setting) = &object.environment {
            push(
                &mut environments,
                &mut environments_at,
                setting.set_at.as_ref().unwrap_or(&setting.span),
                &setting.value,
            );
        }
    }
    if let Some((path, text)) = input.config {
        let sdk = crate::sdk::SdkVersion {
            minor: input.hop.from,
            patch: 0,
            exact: false,
            display: input.hop.from.to_string(),
        };
        if let (Some(config), _) = config::load(path, text, Some(&sdk)) {
            for section in [
                Section::BatchFeatureView,
                Section::StreamFeatureView,
                Section::FeatureTable,
            ] {
                let Some(defaults) = config.defaults(section) else {
                    continue;
                };
                if let Some(value) = &defaults.runtime {
                    push(&mut runtimes, &mut runtimes_at, &value.span, &value.value);
                }
                if let Some(value) = &defaults.environment {
                    push(
                        &mut environments,
                        &mut environments_at,
                        &value.span,
                        &value.value,
                    );
                }
            }
        }
    }
    runtimes.sort_by(|a, b| (&a.0.file, a.0.start()).cmp(&(&b.0.file, b.0.start())));
    for (span, value) in runtimes {
        let exact_in_next = matches!(
            crate::sdk::classify_runtime(&value),
            crate::sdk::RuntimeForm::Exact { minor, prerelease: false, .. } if minor == to
        );
        if exact_in_next {
            continue;
        }
        let message = format!(
            "tecton_materialization_runtime {value:?} -> {runtime:?} (the newest {to} runtime)"
        );
        out.push(edit_or_human(input, span, &value, &runtime, message));
    }
    // From 0.9 Tecton requires an environment for a materialized Rift view, and 0.8 has no
    // `environment` to set before the bump: a person chooses where it goes (an argument, or a
    // repo.yaml default) and which one (a custom environment holds the job's packages). SDK 0.9
    // itself imports such a view and registers it with no environment: the requirement is the
    // one Tecton documents for the apply (TP206), so the message says where it comes from.
    if (to.major, to.minor) == (0, 9) {
        for object in input.objects {
            let rift_view = matches!(
                object.kind,
                crate::model::Kind::BatchFeatureView | crate::model::Kind::StreamFeatureView
            ) && object.compute == crate::model::Compute::Rift;
            if rift_view && object.materialized() == Some(true) && object.environment.is_none() {
                let name = object.name.as_deref().unwrap_or("<unnamed>");
                out.push(Change::human(
                    "TP301",
                    Phase::Bump,
                    object.span.clone(),
                    format!("`{name}` runs on Rift and is materialized: from 0.9 Tecton requires an `environment` for it (SDK 0.9 imports the view without one; Tecton's 0.8 to 0.9 guide requires one, and `check` reports it as TP206)"),
                    format!(
                        "with the bump, add `environment=\"{}\"` to it, or an `environment` default for its kind in repo.yaml (0.8 accepts neither, so it goes with the SDK change)",
                        environment.unwrap_or("tecton-rift-core-0.9.5")
                    ),
                ));
            }
        }
    }
    let Some(environment) = environment else {
        return;
    };
    environments.sort_by(|a, b| (&a.0.file, a.0.start()).cmp(&(&b.0.file, b.0.start())));
    for (span, value) in environments {
        match environment_minor(&value) {
            Some(minor) if minor < to => {}
            _ => continue,
        }
        let message = format!(
            "environment {value:?} -> {environment:?} (what `tecton init` of SDK {to} writes)"
        );
        out.push(edit_or_human(input, span, &value, environment, message));
    }
}

fn edit_or_human(
    input: &HopInput<'_>,
    span: crate::diagnostic::Span,
    old: &str,
    new: &str,
    message: String,
) -> Change {
    let text = input
        .files
        .iter()
        .find(|f| *f.path == *span.file)
        .map(|f| f.text.as_str())
        .or_else(|| {
            input
                .config
                .filter(|(p, _)| **p == *span.file)
                .map(|(_, t)| t)
        });
    match text.map(|t| set_string(&span, t, old, new)) {
        Some(Ok(edit)) => Change::edit("TP301", Phase::OldSdk, span, message, vec![edit]),
        Some(Err(why)) => Change::human(
            "TP301",
            Phase::OldSdk,
            span,
            message,
            format!("{why}: set it to {new:?} by hand"),
        ),
        // A repository that git-ignores `repo.yaml` and runs `tecton init` in CI gets its
        // defaults from the installed SDK's starter: they move with the bump, by themselves.
        None if *span.file == *input.config_path && !input.config_exists => Change::edit(
            "TP301",
            Phase::Bump,
            span,
            format!(
                "{message}: `tecton init` of SDK {} writes it, as repo.yaml is not in the repository",
                input.hop.to
            ),
            Vec::new(),
        ),
        None => Change::human(
            "TP301",
            Phase::OldSdk,
            span,
            message,
            format!(
                "the value is written outside the repository's files: set it to {new:?} by hand"
            ),
        ),
    }
}
