//! Joins what was read about one root into the model: each Python object's arguments are resolved
//! against the `repo.yaml` defaults exactly as the SDK merges them (an explicit non-`None` argument
//! wins; the `environment` default reaches a feature view only when it runs on Rift), and its compute
//! is inferred as the SDK does. Parameters that matter but cannot be known become TP002 findings.

use std::path::Path;

use crate::config::{ConfigValue, RepoConfig, Section};
use crate::diagnostic::{Anchor, Diagnostic, Span};
use crate::model::{Compute, DefaultUse, Kind, Origin, Setting, TectonObject};
use crate::python::{Arg, PyValue, RawObject, Unresolved};
use crate::sdk::SdkVersion;

/// The deployment's compute for views whose code does not decide it (`--default-compute`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DefaultCompute {
    Spark,
    Rift,
    Unknown,
}

pub struct Inputs<'a> {
    pub config: Option<&'a RepoConfig>,
    pub sdk: Option<&'a SdkVersion>,
    pub default_compute: DefaultCompute,
    /// Whether objects keep every parameter as text ([`TectonObject::params`]) and the objects
    /// they refer to ([`TectonObject::refs`]), for the plan and the upgrade; a check whose result
    /// only goes to the reports leaves both empty.
    pub params: bool,
}

/// Objects resolved by one task of a lone root's [`resolve`].
const RESOLVE_CHUNK: usize = 64;

/// Turns the Python analysis into model objects, with TP002 findings for what cannot be resolved.
pub fn resolve(raw: &[RawObject], inputs: &Inputs<'_>) -> (Vec<TectonObject>, Vec<Diagnostic>) {
    let push_sources = push_sources(raw);
    // A lone root's objects are resolved on rayon's threads too (the other one is idle after the
    // parse), in chunks, each written in place into one list; a root of a monorepo, whose check
    // has a thread of its own, resolves them here.
    if crate::alone() && raw.len() >= 2 * RESOLVE_CHUNK {
        use rayon::prelude::*;
        let mut resolved: Vec<Option<TectonObject>> = Vec::new();
        let mut found: Vec<Vec<Diagnostic>> = Vec::new();
        raw.par_iter()
            .with_min_len(RESOLVE_CHUNK)
            .map(|object| {
                let mut diagnostics = Vec::new();
                let resolved = resolve_one(object, inputs, &push_sources, &mut diagnostics);
                (resolved, diagnostics)
            })
            .unzip_into_vecs(&mut resolved, &mut found);
        // `filter_map` keeps the list's memory (an object and its `Option` have one size), where
        // `flatten` would copy every object into a new one.
        #[allow(clippy::filter_map_identity)]
        let objects = resolved.into_iter().filter_map(|object| object).collect();
        return (objects, found.into_iter().flatten().collect());
    }
    let mut objects = Vec::with_capacity(raw.len());
    let mut diagnostics = Vec::new();
    for object in raw {
        // `None`: the SDK raises while constructing it, so it is not registered.
        objects.extend(resolve_one(object, inputs, &push_sources, &mut diagnostics));
    }
    (objects, diagnostics)
}

/// Whether each data source of the root, by name, is a push source, which gives its stream
/// feature views no stream job: a `PushSource`, or a `StreamSource` whose `stream_config` is a
/// `PushConfig` (the SDK's `PUSH_NO_BATCH`/`PUSH_WITH_BATCH` source types). `None` when it cannot
/// be told (an unresolved `stream_config`, two sources of that name that differ).
type PushSources = rustc_hash::FxHashMap<String, Option<bool>>;

fn push_sources(raw: &[RawObject]) -> PushSources {
    let mut out = PushSources::default();
    for object in raw {
        let Ok((name, _)) = &object.name else {
            continue;
        };
        let push = match object.kind {
            Kind::PushSource => Some(true),
            Kind::StreamSource => match object.arg("stream_config") {
                Some(Arg {
                    value: PyValue::Call { callee, .. },
                    ..
                }) => Some(callee.rsplit('.').next() == Some("PushConfig")),
                _ => None,
            },
            _ => continue,
        };
        out.entry(name.clone())
            .and_modify(|known| {
                if *known != push {
                    *known = None;
                }
            })
            .or_insert(push);
    }
    out
}

/// Whether a stream feature view's `source=` is a push source: the source itself, or the one a
/// `FilteredSource(...)` wraps.
fn reads_push_source(value: Option<&PyValue>, push_sources: &PushSources) -> Option<bool> {
    match value? {
        PyValue::Object {
            kind: Kind::PushSource,
            ..
        } => Some(true),
        PyValue::Object {
            kind: Kind::StreamSource,
            name: Some(name),
        } => push_sources.get(name).copied().flatten(),
        PyValue::Object {
            kind: Kind::BatchSource,
            ..
        } => Some(false),
        PyValue::Call {
            callee,
            args,
            kwargs,
        } if callee.rsplit('.').next() == Some("FilteredSource") => {
            let wrapped = args
                .first()
                .or_else(|| kwargs.iter().find(|(k, _)| k == "source").map(|(_, v)| v));
            reads_push_source(wrapped, push_sources)
        }
        _ => None,
    }
}

/// Whether the object states its own `key` (a cluster config) rather than taking the default:
/// the SDK applies the default when the argument is absent or `None`.
fn states_own(object: &RawObject, key: &str) -> DefaultUse {
    match object.arg(key) {
        None if object.spread.is_some() => DefaultUse::Unknown,
        None
        | Some(Arg {
            value: PyValue::None,
            ..
        }) => DefaultUse::Applied,
        Some(Arg {
            value: PyValue::Unknown(_),
            ..
        }) => DefaultUse::Unknown,
        Some(_) => DefaultUse::Own,
    }
}

/// Whether the SDK builds the object with its section's `batch_compute` and `stream_compute`
/// defaults (`framework/feature_view.py`, SDK 0.8 to 1.3): every batch feature view, stream
/// feature view and feature table takes the `batch_compute` default unless it states its own;
/// a stream feature view takes the `stream_compute` default unless it states its own or reads a
/// push source.
fn compute_defaults(
    object: &RawObject,
    push_sources: &PushSources,
) -> (Option<DefaultUse>, Option<DefaultUse>) {
    if !object.kind.is_materializable() {
        return (None, None);
    }
    let batch = Some(states_own(object, "batch_compute"));
    if object.kind != Kind::StreamFeatureView {
        return (batch, None);
    }
    let source = object.arg("source").map(|a| &a.value);
    let stream = match (
        states_own(object, "stream_compute"),
        reads_push_source(source, push_sources),
    ) {
        (DefaultUse::Own, _) => DefaultUse::Own,
        (_, Some(true)) => DefaultUse::PushSource,
        (DefaultUse::Applied, Some(false)) => DefaultUse::Applied,
        _ => DefaultUse::Unknown,
    };
    (batch, Some(stream))
}

pub(crate) fn section_of(kind: Kind) -> Option<Section> {
    match kind {
        Kind::BatchFeatureView => Some(Section::BatchFeatureView),
        Kind::StreamFeatureView => Some(Section::StreamFeatureView),
        Kind::FeatureTable => Some(Section::FeatureTable),
        _ => None,
    }
}

/// The object a finding about it belongs to, for suppressions.
fn anchor(object: &RawObject) -> Anchor {
    Anchor {
        span: object.span.clone(),
        kind: object.kind.display(),
        name: match &object.name {
            Ok((name, _)) => name.clone(),
            Err(_) => "<unnamed>".to_string(),
        },
    }
}

/// How messages name an object: `Batch Feature View `user_spend`` (or, when the name is not known,
/// the function that defines it).
fn describe(object: &RawObject) -> String {
    match (&object.name, &object.function) {
        (Ok((name, _)), _) => format!("{} `{name}`", object.kind.display()),
        (Err(_), Some(function)) => {
            format!("the {} defined by `def {function}`", object.kind.display())
        }
        (Err(_), None) => format!("this {}", object.kind.display()),
    }
}

/// A TP002 finding about the parameter `what`, where the object takes the value: at the unknown
/// itself when the call holds it, else at the argument that names it (a constant read from the
/// environment, perhaps in another module), with the place the unknown comes from as a label.
fn unresolved(object: &RawObject, what: &str, reason: &Unresolved) -> Diagnostic {
    let source = object
        .arg(what)
        .and_then(|a| Some((a.span.clone(), elsewhere(&reason.span, &a.span)?)));
    let mut diagnostic = Diagnostic::new(
        "TP002",
        format!("`{what}` of {} cannot be resolved statically: {}", describe(object), reason.reason),
    )
    .with_help(format!(
        "write `{what}` as a literal or a module-level constant so that it can be checked before `tecton apply`"
    ));
    diagnostic = match source {
        Some((argument, source)) => diagnostic
            .at(argument)
            .with_label(source.clone(), "the value comes from here")
            .with_anchor(Anchor {
                span: source,
                ..anchor(object)
            }),
        None => diagnostic.at(reason.span.clone()),
    };
    diagnostic
        .with_label(
            object.span.clone(),
            format!("{} defined here", object.kind.display()),
        )
        .with_anchor(anchor(object))
}

/// One finding for a `**` expansion of unknown content, naming every parameter it may set.
fn unresolved_spread(object: &RawObject, spread: &Unresolved, keys: &[&str]) -> Diagnostic {
    let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    Diagnostic::new(
        "TP002",
        format!(
            "{} of {} cannot be resolved statically: {}",
            keys.join(", "),
            describe(object),
            spread.reason
        ),
    )
    .at(spread.span.clone())
    .with_help("build the `**` dict from literals or module-level constants, or pass these parameters explicitly")
    .with_label(object.span.clone(), format!("{} defined here", object.kind.display()))
    .with_anchor(anchor(object))
}

/// A boolean parameter that defaults to `False`.
fn resolve_flag<'k>(
    object: &RawObject,
    key: &'k str,
    out: &mut Vec<Diagnostic>,
    hidden: &mut Vec<&'k str>,
) -> Option<bool> {
    match object.arg(key) {
        Some(Arg {
            value: PyValue::Bool(b),
            ..
        }) => Some(*b),
        Some(Arg {
            value: PyValue::None,
            ..
        }) => Some(false),
        Some(Arg {
            value: PyValue::Unknown(reason),
            ..
        }) => {
            out.push(unresolved(object, key, reason));
            None
        }
        Some(Arg { value, span }) => {
            let reason = Unresolved {
                reason: format!("it is {}, not True or False", value.render()),
                span: span.clone(),
            };
            out.push(unresolved(object, key, &reason));
            None
        }
        None => match &object.spread {
            Some(_) => {
                hidden.push(key);
                None
            }
            None => Some(false),
        },
    }
}

/// What an explicit string-valued argument resolved to.
enum Explicit {
    Value(Setting),
    /// Not given, or `None`: the repo default applies.
    Absent,
    Unresolved,
}

fn resolve_explicit<'k>(
    object: &RawObject,
    key: &'k str,
    out: &mut Vec<Diagnostic>,
    hidden: &mut Vec<&'k str>,
) -> Explicit {
    match object.arg(key) {
        // The literal itself when the call holds it (also inside a `**{...}`); else the argument
        // that names it, with the literal as the place where the value is set.
        Some(Arg {
            value: PyValue::Str(s, literal),
            span,
        }) => Explicit::Value(match elsewhere(literal, span) {
            Some(set_at) => Setting {
                value: s.clone(),
                origin: Origin::Explicit,
                span: span.clone(),
                set_at: Some(set_at),
                valid: true,
            },
            None => Setting {
                value: s.clone(),
                origin: Origin::Explicit,
                span: literal.clone(),
                set_at: None,
                valid: true,
            },
        }),
        Some(Arg {
            value: PyValue::None,
            ..
        }) => Explicit::Absent,
        Some(Arg {
            value: PyValue::Unknown(reason),
            ..
        }) => {
            out.push(unresolved(object, key, reason));
            Explicit::Unresolved
        }
        // What a function outside the repository returns, or a name another package defines,
        // is known only when Tecton imports the file: unknown, not the text of the call.
        Some(Arg {
            value: value @ (PyValue::Call { .. } | PyValue::Symbol(_)),
            span,
        }) => {
            let reason = Unresolved {
                reason: match value {
                    PyValue::Call { callee, .. } => format!(
                        "it is what `{callee}(...)` returns, a function outside the repository"
                    ),
                    _ => format!("`{}` is defined outside the repository", value.render()),
                },
                span: span.clone(),
            };
            out.push(unresolved(object, key, &reason));
            Explicit::Unresolved
        }
        Some(Arg { value, span }) => Explicit::Value(Setting {
            value: value.render(),
            origin: Origin::Explicit,
            span: span.clone(),
            set_at: None,
            valid: true,
        }),
        None => match &object.spread {
            Some(_) => {
                hidden.push(key);
                Explicit::Unresolved
            }
            None => Explicit::Absent,
        },
    }
}

fn inherited(value: Option<&ConfigValue>) -> Option<Setting> {
    value.map(|v| Setting {
        value: v.value.clone(),
        origin: Origin::RepoConfig,
        span: v.span.clone(),
        set_at: None,
        valid: v.valid,
    })
}

/// `place` when it lies outside `argument` (a constant's literal rather than the argument's own).
fn elsewhere(place: &Span, argument: &Span) -> Option<Span> {
    let inside = place.file == argument.file
        && argument.start() <= place.start()
        && place.end() <= argument.end();
    (!inside).then(|| place.clone())
}

fn compute_of_config(kind: &str) -> Option<Compute> {
    match kind {
        "DatabricksClusterConfig"
        | "EMRClusterConfig"
        | "DatabricksJsonClusterConfig"
        | "EMRJsonClusterConfig"
        | "DataprocJsonClusterConfig"
        | "ExistingClusterConfig" => Some(Compute::Spark),
        "RiftBatchConfig" | "RiftClusterConfig" => Some(Compute::Rift),
        _ => None,
    }
}

fn compute_of_mode(mode: &str) -> Option<Compute> {
    match mode {
        "spark_sql" | "pyspark" => Some(Compute::Spark),
        "snowflake_sql" | "snowpark" => Some(Compute::Snowflake),
        "bigquery_sql" => Some(Compute::Bigquery),
        _ => None,
    }
}

/// The compute an object runs on, in the order the SDK infers it (`infer_batch_compute_mode`):
/// the transformation mode, an explicit compute config, an explicit environment, the repo config's
/// compute defaults the SDK gives the object (`takes_defaults`: `batch_compute`, `stream_compute`),
/// then the deployment default.
fn infer_compute(
    object: &RawObject,
    mode: Option<&str>,
    explicit_env: bool,
    takes_defaults: [bool; 2],
    inputs: &Inputs<'_>,
) -> Compute {
    let modes = mode
        .into_iter()
        .chain(object.pipeline_modes.iter().map(String::as_str));
    let mut from_modes = None;
    for m in modes {
        if let Some(c) = compute_of_mode(m) {
            if c == Compute::Spark || from_modes.is_none() {
                from_modes = Some(c);
            }
        }
    }
    if let Some(c) = from_modes {
        return c;
    }
    for key in ["batch_compute", "stream_compute"] {
        if let Some(Arg {
            value: PyValue::Call { callee, .. },
            ..
        }) = object.arg(key)
        {
            let short = callee.rsplit('.').next().unwrap_or(callee);
            if let Some(c) = compute_of_config(short) {
                return c;
            }
        }
    }
    if explicit_env {
        return Compute::Rift;
    }
    let section = section_of(object.kind).and_then(|s| inputs.config.and_then(|c| c.defaults(s)));
    if let Some(defaults) = section {
        // Only the defaults the SDK gives this object: a stream view of a push source gets no
        // `stream_compute`, so a Spark one in `repo.yaml` does not make it Spark.
        for (value, takes) in [&defaults.batch_compute, &defaults.stream_compute]
            .into_iter()
            .zip(takes_defaults)
        {
            let Some(value) = value.as_ref().filter(|_| takes) else {
                continue;
            };
            if let Some(c) = compute_of_config(&value.value) {
                return c;
            }
        }
    }
    match inputs.default_compute {
        DefaultCompute::Spark => Compute::Spark,
        DefaultCompute::Rift => Compute::Rift,
        DefaultCompute::Unknown => Compute::Unknown,
    }
}

/// Whether the SDK itself infers Rift for a view, which is when it applies the `environment`
/// default: only a `spark_sql`/`pyspark` transformation or a Databricks/EMR config make it Spark;
/// otherwise the deployment's default compute decides (a Rift compute config does not). When that
/// default is not known, a view that runs on Rift by its own code is taken to be on Rift.
fn sdk_infers_rift(
    object: &RawObject,
    mode: Option<&str>,
    compute: Compute,
    inputs: &Inputs<'_>,
) -> bool {
    let forced_spark = mode
        .into_iter()
        .chain(object.pipeline_modes.iter().map(String::as_str))
        .any(|m| compute_of_mode(m) == Some(Compute::Spark))
        || ["batch_compute", "stream_compute"].iter().any(|key| {
            matches!(object.arg(key), Some(Arg { value: PyValue::Call { callee, .. }, .. })
                if compute_of_config(callee.rsplit('.').next().unwrap_or(callee)) == Some(Compute::Spark))
        });
    if forced_spark {
        return false;
    }
    match inputs.default_compute {
        DefaultCompute::Rift => true,
        DefaultCompute::Spark => false,
        DefaultCompute::Unknown => compute == Compute::Rift,
    }
}

/// SDK 1.2 refuses `environment=` on a stream feature view that it infers to run on Rift
/// (`W1.2.13:tecton/framework/feature_view.py:2551`; 1.1 accepts it): the view must name a
/// Transform Server Group instead. The SDK infers Rift when neither a `spark_sql`/`pyspark`
/// transformation nor a Spark compute config (given, or a `repo.yaml` default) makes it Spark, and
/// the deployment's default compute is Rift: only `--default-compute rift` (or the configuration)
/// says so, so with an unknown default nothing is reported.
fn rift_stream_view_environment(
    object: &RawObject,
    mode: Option<&str>,
    environment: &Setting,
    takes_defaults: [bool; 2],
    inputs: &Inputs<'_>,
) -> Option<Diagnostic> {
    let sdk = inputs.sdk?;
    if object.kind != Kind::StreamFeatureView
        || !sdk.at_least(1, 2, 0)
        || inputs.default_compute != DefaultCompute::Rift
    {
        return None;
    }
    let spark_mode = mode
        .into_iter()
        .chain(object.pipeline_modes.iter().map(String::as_str))
        .any(|m| compute_of_mode(m) == Some(Compute::Spark));
    let spark_config = |callee: &str| {
        compute_of_config(callee.rsplit('.').next().unwrap_or(callee)) == Some(Compute::Spark)
    };
    let explicit_spark = ["batch_compute", "stream_compute"].iter().any(|key| {
        matches!(object.arg(key), Some(Arg { value: PyValue::Call { callee, .. }, .. }) if spark_config(callee))
    });
    let defaults = inputs
        .config
        .and_then(|c| c.defaults(Section::StreamFeatureView));
    let default_spark = defaults.is_some_and(|d| {
        [&d.batch_compute, &d.stream_compute]
            .into_iter()
            .zip(takes_defaults)
            .filter_map(|(v, takes)| v.as_ref().filter(|_| takes))
            .any(|v| spark_config(&v.value))
    });
    if spark_mode || explicit_spark || default_spark {
        return None;
    }
    Some(
        Diagnostic::new(
            "TP001",
            format!(
                "Tecton cannot import this file: The `environment` parameter is deprecated for Stream Feature Views. Please use the `transform_server_group` parameter instead to configure the Transform Server Group from which the environment will be inferred. (TectonValidationError, SDK {} on Rift)",
                sdk.display
            ),
        )
        .at(environment.span.clone())
        .with_label(object.span.clone(), "this stream feature view runs on Rift")
        .with_anchor(anchor(object))
        .with_help("remove `environment=` and set `transform_server_group=\"<name>\"`, or keep the environment as the `repo.yaml` `stream_feature_view` default, which SDK 1.2 still applies"),
    )
}

/// Whether a feature table takes the repo config's `environment` default. The SDK ignored the key
/// for feature tables until a patch release of each line (seen applied in 1.1.20 and 1.2.13, ignored
/// in 1.0.x, 1.1.5 and 1.2.0).
fn feature_table_takes_environment_default(sdk: Option<&SdkVersion>) -> bool {
    match sdk {
        Some(v) if v.minor.major == 1 && v.minor.minor == 1 => v.at_least(1, 1, 20),
        Some(v) if v.minor.major == 1 && v.minor.minor == 2 => v.at_least(1, 2, 13),
        Some(v) => v.at_least(1, 3, 0),
        None => true,
    }
}

fn resolve_one(
    object: &RawObject,
    inputs: &Inputs<'_>,
    push_sources: &PushSources,
    out: &mut Vec<Diagnostic>,
) -> Option<TectonObject> {
    let quiet = object.implicit;
    let mut sink = Vec::new();
    let diagnostics: &mut Vec<Diagnostic> = if quiet { &mut sink } else { out };

    // Parameters that a `**` expansion of unknown content may set: reported once, together.
    let mut hidden: Vec<&str> = Vec::new();
    let name = match &object.name {
        Ok((name, _)) => Some(name.clone()),
        Err(reason) => {
            let from_spread = object
                .spread
                .as_ref()
                .is_some_and(|s| reason.reason.contains(&s.reason));
            let from_context = object
                .context
                .as_ref()
                .is_some_and(|c| c.reason == reason.reason);
            if from_spread {
                hidden.push("name");
            } else if !from_context {
                diagnostics.push(unresolved(object, "name", reason));
            }
            None
        }
    };
    if let Some(context) = &object.context {
        diagnostics.push(
            Diagnostic::new(
                "TP002",
                format!(
                    "cannot tell statically whether or how often {} is constructed: {}",
                    describe(object),
                    context.reason
                ),
            )
            .at(object.span.clone())
            .with_label(context.span.clone(), "decided here")
            .with_anchor(anchor(object))
            .with_help("define Tecton objects at module level, or in loops over literal lists"),
        );
    }

    let has_flags = object.kind.is_materializable();
    let (online, offline) = if has_flags {
        (
            resolve_flag(object, "online", diagnostics, &mut hidden),
            resolve_flag(object, "offline", diagnostics, &mut hidden),
        )
    } else {
        (None, None)
    };
    let mode = match object.arg("mode") {
        Some(Arg {
            value: PyValue::Str(s, _),
            ..
        }) => Some(s.clone()),
        Some(Arg {
            value: PyValue::Unknown(reason),
            ..
        }) => {
            diagnostics.push(unresolved(object, "mode", reason));
            None
        }
        _ => None,
    };

    let defaults = section_of(object.kind).and_then(|s| inputs.config.and_then(|c| c.defaults(s)));
    let (mut runtime, mut runtime_unresolved) = (None, false);
    let (mut environment, mut environment_unresolved) = (None, false);
    let mut explicit_env = false;
    if object.kind.is_materializable() {
        match resolve_explicit(
            object,
            "tecton_materialization_runtime",
            diagnostics,
            &mut hidden,
        ) {
            Explicit::Value(setting) => runtime = Some(setting),
            Explicit::Absent => runtime = inherited(defaults.and_then(|d| d.runtime.as_ref())),
            Explicit::Unresolved => runtime_unresolved = true,
        }
        match resolve_explicit(object, "environment", diagnostics, &mut hidden) {
            Explicit::Value(setting) => {
                explicit_env = true;
                environment = Some(setting);
            }
            Explicit::Absent => {}
            Explicit::Unresolved => environment_unresolved = true,
        }
    }
    if let (Some(spread), false) = (&object.spread, hidden.is_empty()) {
        diagnostics.push(unresolved_spread(object, spread, &hidden));
    }
    let (batch_compute_default, stream_compute_default) = compute_defaults(object, push_sources);
    // Whether the SDK may give the object each cluster default (an unknown use counts).
    let takes_defaults = [batch_compute_default, stream_compute_default]
        .map(|u| matches!(u, Some(DefaultUse::Applied | DefaultUse::Unknown)));
    if let (true, Some(setting)) = (explicit_env, &environment) {
        if let Some(diagnostic) =
            rift_stream_view_environment(object, mode.as_deref(), setting, takes_defaults, inputs)
        {
            diagnostics.push(diagnostic);
            return None;
        }
    }
    let compute = if object.kind.is_materializable() {
        infer_compute(
            object,
            mode.as_deref(),
            explicit_env,
            takes_defaults,
            inputs,
        )
    } else {
        match mode.as_deref().and_then(compute_of_mode) {
            Some(c) => c,
            None => Compute::Unknown,
        }
    };
    if object.kind.is_materializable() && environment.is_none() && !environment_unresolved {
        let takes_default = match object.kind {
            Kind::FeatureTable => feature_table_takes_environment_default(inputs.sdk),
            _ => sdk_infers_rift(object, mode.as_deref(), compute, inputs),
        };
        if takes_default {
            environment = inherited(defaults.and_then(|d| d.environment.as_ref()));
        }
    }

    Some(TectonObject {
        kind: object.kind,
        name,
        file: object.file.clone(),
        span: object.span.clone(),
        called_at: object.called_at.clone(),
        online,
        offline,
        mode,
        compute,
        runtime,
        environment,
        runtime_unresolved,
        environment_unresolved,
        implicit: object.implicit,
        params: if inputs.params {
            object
                .args
                .iter()
                .map(|(k, a)| (k.clone(), a.value.render()))
                .chain(
                    object
                        .code
                        .iter()
                        .map(|(field, text, _)| (field.to_string(), text.clone())),
                )
                .collect()
        } else {
            Vec::new()
        },
        refs: {
            let mut refs = Vec::new();
            if inputs.params {
                for (_, arg) in &object.args {
                    collect_refs(&arg.value, &mut refs);
                }
            }
            refs
        },
        cluster_args: cluster_args(object),
        batch_compute_default,
        stream_compute_default,
    })
}

/// The string keyword arguments of the cluster configs an object is given
/// (`batch_compute=DatabricksClusterConfig(dbr_version="10.4.x-scala2.12")`).
fn cluster_args(object: &RawObject) -> Vec<crate::model::ClusterArg> {
    let mut out = Vec::new();
    for key in ["batch_compute", "stream_compute"] {
        let Some(Arg {
            value: PyValue::Call { callee, kwargs, .. },
            ..
        }) = object.arg(key)
        else {
            continue;
        };
        let config = callee.rsplit('.').next().unwrap_or(callee);
        for (param, value) in kwargs {
            if let PyValue::Str(text, span) = value {
                out.push(crate::model::ClusterArg {
                    config: config.to_string(),
                    param: param.clone(),
                    value: text.clone(),
                    span: span.clone(),
                });
            }
        }
    }
    out
}

/// The repository's objects a value refers to (`sources=[transactions_stream]`), by kind and name.
fn collect_refs(value: &crate::python::PyValue, out: &mut Vec<(Kind, String)>) {
    use crate::python::PyValue;
    match value {
        PyValue::Object {
            kind,
            name: Some(name),
        } if !out.iter().any(|(k, n)| k == kind && n == name) => {
            out.push((*kind, name.clone()));
        }
        PyValue::List(items) => items.iter().for_each(|v| collect_refs(v, out)),
        PyValue::Dict(items) => items.iter().for_each(|(_, v)| collect_refs(v, out)),
        PyValue::Call { args, kwargs, .. } => {
            args.iter().for_each(|v| collect_refs(v, out));
            kwargs.iter().for_each(|(_, v)| collect_refs(v, out));
        }
        _ => {}
    }
}

/// The repo config's path for a root: `--config` when given, else `<root>/repo.yaml`.
pub fn repo_config_path(root: &Path, flag: Option<&Path>) -> std::path::PathBuf {
    match flag {
        Some(path) => path.to_path_buf(),
        None => root.join("repo.yaml"),
    }
}
