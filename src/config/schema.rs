//! The repo config schema of every SDK version from 0.8 on, as tables, and the check of a parsed
//! document against it. Tecton validates `repo.yaml` with strict pydantic models (extra keys
//! forbidden, no type coercion, `kind:` as the discriminator of every config union); the tables
//! below mirror those models (`tecton/framework/repo_config.py` and `configs.py`, tecton-facts §1.2)
//! with the SDK versions that accept each key and each kind.

use std::ops::Range;
use std::path::Path;

use super::yaml::{Document, NodeId, Value};
use crate::diagnostic::{Diagnostic, Span};
use crate::sdk::{Minor, SdkVersion};

/// The SDK versions that accept a key or a kind: `from` inclusive, `until` exclusive.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Versions {
    from: (u64, u64, u64),
    until: Option<(u64, u64, u64)>,
}

impl Versions {
    const ALL: Versions = Versions {
        from: (0, 8, 0),
        until: None,
    };

    const fn since(major: u64, minor: u64, patch: u64) -> Versions {
        Versions {
            from: (major, minor, patch),
            until: None,
        }
    }

    const fn before(self, major: u64, minor: u64, patch: u64) -> Versions {
        Versions {
            from: self.from,
            until: Some((major, minor, patch)),
        }
    }

    /// With no SDK version, a key is accepted when any version accepts it.
    fn accepts(&self, sdk: Option<&SdkVersion>) -> bool {
        let Some(sdk) = sdk else {
            return true;
        };
        let (ma, mi, pa) = self.from;
        sdk.at_least(ma, mi, pa)
            && self
                .until
                .is_none_or(|(ma, mi, pa)| !sdk.at_least(ma, mi, pa))
    }

    /// "needs SDK 1.2 or later", "was removed in SDK 1.2", "exists only in SDK 0.8".
    fn describe(&self) -> String {
        let from = version_text(self.from);
        match self.until {
            None if self.from == (1, 0, 1) => {
                "needs SDK 1.0.1 or later (SDK 1.0.0 does not have it)".to_string()
            }
            None => format!("needs SDK {from} or later"),
            Some((ma, mi, 0)) if (ma, mi) == next_minor(self.from) => {
                format!("exists only in SDK {}", version_text(self.from))
            }
            Some(until) if self.from == Versions::ALL.from => {
                format!("was removed in SDK {}", version_text(until))
            }
            Some(until) => format!(
                "exists only from SDK {from} up to (not including) {}",
                version_text(until)
            ),
        }
    }
}

fn next_minor((major, minor, _): (u64, u64, u64)) -> (u64, u64) {
    // Tecton's release line: 0.7, 0.8, 0.9, 1.0, 1.1, ... (there is no 0.10 final).
    if (major, minor) == (0, 9) {
        (1, 0)
    } else {
        (major, minor + 1)
    }
}

fn version_text((major, minor, patch): (u64, u64, u64)) -> String {
    if patch == 0 {
        format!("{major}.{minor}")
    } else {
        format!("{major}.{minor}.{patch}")
    }
}

/// What a value must be, in the terms of the pydantic annotation behind it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ty {
    /// `str`.
    Str,
    /// `str`, except that SDK 0.8.0 turned numbers into strings before checking.
    Runtime,
    /// `bool`: only YAML booleans.
    Bool,
    /// `int`: YAML integers (and booleans, which Python counts as integers, except in 0.8.0's
    /// strict pydantic 2 models).
    Int,
    /// `List[str]`.
    StrList,
    /// `Dict[str, str]`.
    StrMap,
    /// `Dict[str, Any]`, given as a mapping or as a string holding a JSON object.
    Json,
    /// `datetime`: a YAML date or timestamp.
    Datetime,
    /// `timedelta`: a string Tecton parses (`24h`).
    Duration,
    /// A nested model without a discriminator.
    Object(&'static [Field]),
    /// A union of config classes told apart by `kind:`.
    OneOf(&'static [Kind]),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Field {
    pub name: &'static str,
    pub ty: Ty,
    /// `Optional[...]`: null means "no default".
    nullable: bool,
    /// No default: the key must be present.
    required: bool,
    versions: Versions,
    /// Said when the key is refused in the version in use.
    note: Option<&'static str>,
}

impl Field {
    const fn new(name: &'static str, ty: Ty) -> Field {
        Field {
            name,
            ty,
            nullable: true,
            required: false,
            versions: Versions::ALL,
            note: None,
        }
    }

    const fn not_null(mut self) -> Field {
        self.nullable = false;
        self
    }

    const fn required(mut self) -> Field {
        self.required = true;
        self.nullable = false;
        self
    }

    const fn versions(mut self, versions: Versions) -> Field {
        self.versions = versions;
        self
    }

    const fn note(mut self, note: &'static str) -> Field {
        self.note = Some(note);
        self
    }
}

/// A config class that a `kind:` names.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Kind {
    pub name: &'static str,
    fields: &'static [Field],
    versions: Versions,
    note: Option<&'static str>,
}

impl Kind {
    const fn new(name: &'static str, fields: &'static [Field]) -> Kind {
        Kind {
            name,
            fields,
            versions: Versions::ALL,
            note: None,
        }
    }

    const fn versions(mut self, versions: Versions) -> Kind {
        self.versions = versions;
        self
    }

    const fn note(mut self, note: &'static str) -> Kind {
        self.note = Some(note);
        self
    }
}

// ---- the schema ----------------------------------------------------------------------------------
//
// Fields of the config classes are those of SDK 1.2.13 for every version (tecton-facts §1.2 lists no
// others); the versions given are those the facts record.

const DATABRICKS: &[Field] = &[
    Field::new("instance_type", Ty::Str),
    Field::new("instance_availability", Ty::Str),
    Field::new("number_of_workers", Ty::Int),
    Field::new("first_on_demand", Ty::Int),
    Field::new("extra_pip_dependencies", Ty::StrList),
    Field::new("spark_config", Ty::StrMap),
    Field::new("dbr_version", Ty::Str).not_null(),
];

const EMR: &[Field] = &[
    Field::new("instance_type", Ty::Str),
    Field::new("instance_availability", Ty::Str),
    Field::new("number_of_workers", Ty::Int),
    Field::new("first_on_demand", Ty::Int),
    Field::new("root_volume_size_in_gb", Ty::Int),
    Field::new("extra_pip_dependencies", Ty::StrList),
    Field::new("spark_config", Ty::StrMap),
    Field::new("emr_version", Ty::Str).not_null(),
    Field::new("python_version", Ty::Str),
];

const JSON_CLUSTER: &[Field] = &[Field::new("json", Ty::Json).required()];

const RIFT_BATCH: &[Field] = &[
    Field::new("instance_type", Ty::Str),
    Field::new("root_volume_size_in_gb", Ty::Int),
];

const RIFT_CLUSTER: &[Field] = &[Field::new("instance_type", Ty::Str)];

const EXISTING_CLUSTER: &[Field] = &[Field::new("existing_cluster_id", Ty::Str).required()];

const COMPUTE_KINDS: &[Kind] = &[
    Kind::new("DatabricksClusterConfig", DATABRICKS),
    Kind::new("EMRClusterConfig", EMR),
    Kind::new("DatabricksJsonClusterConfig", JSON_CLUSTER),
    Kind::new("EMRJsonClusterConfig", JSON_CLUSTER),
    Kind::new("RiftBatchConfig", RIFT_BATCH)
        .versions(Versions::since(0, 9, 0))
        .note("SDK 0.8 calls it `RiftClusterConfig`"),
    Kind::new("RiftClusterConfig", RIFT_CLUSTER)
        .versions(Versions::ALL.before(0, 9, 0))
        .note("SDK 0.9 and later call it `RiftBatchConfig`"),
    Kind::new("DataprocJsonClusterConfig", JSON_CLUSTER).versions(Versions::ALL.before(0, 9, 0)),
    Kind::new("ExistingClusterConfig", EXISTING_CLUSTER).versions(Versions::ALL.before(0, 9, 0)),
    Kind::new("_DefaultClusterConfig", &[]),
];

const ONLINE_KINDS: &[Kind] = &[
    Kind::new(
        "DynamoConfig",
        &[Field::new("replica_regions", Ty::StrList)],
    ),
    Kind::new(
        "RedisConfig",
        &[
            Field::new("primary_endpoint", Ty::Str),
            Field::new("authentication_token", Ty::Str),
        ],
    ),
    Kind::new("BigtableConfig", &[]),
];

const DELTA: &[Field] = &[
    Field::new("time_partition_size", Ty::Duration),
    Field::new("subdirectory_override", Ty::Str),
];

const PARQUET: &[Field] = &[Field::new("subdirectory_override", Ty::Str)];

const STAGING_KINDS: &[Kind] = &[
    Kind::new("DeltaConfig", DELTA),
    Kind::new("ParquetConfig", PARQUET),
    Kind::new(
        "IcebergConfig",
        &[
            Field::new("num_entity_buckets", Ty::Int).not_null(),
            Field::new("subdirectory_override", Ty::Str),
        ],
    ),
];

const OFFLINE_KINDS: &[Kind] = &[
    Kind::new(
        "OfflineStoreConfig",
        &[
            Field::new("staging_table_format", Ty::OneOf(STAGING_KINDS)).not_null(),
            Field::new("publish_full_features", Ty::Bool).not_null(),
            Field::new("publish_start_time", Ty::Datetime),
        ],
    ),
    Kind::new("DeltaConfig", DELTA),
    Kind::new("ParquetConfig", PARQUET),
];

const LEADING_EDGE_KINDS: &[Kind] = &[
    Kind::new("WallClockTime", &[]),
    Kind::new("LatestEventTime", &[]),
];

const RUNTIME: Field = Field::new("tecton_materialization_runtime", Ty::Runtime);
const ENVIRONMENT: Field = Field::new("environment", Ty::Str).versions(Versions::since(0, 9, 0));
const ONLINE_STORE: Field = Field::new("online_store", Ty::OneOf(ONLINE_KINDS));
const OFFLINE_STORE: Field = Field::new("offline_store", Ty::OneOf(OFFLINE_KINDS)).not_null();
const BATCH_COMPUTE: Field = Field::new("batch_compute", Ty::OneOf(COMPUTE_KINDS)).not_null();
const STREAM_COMPUTE: Field = Field::new("stream_compute", Ty::OneOf(COMPUTE_KINDS)).not_null();

/// `BatchFeatureViewDefaults`, and `FeatureTableDefaults`, which is the same model.
const BATCH_DEFAULTS: &[Field] = &[
    RUNTIME,
    ENVIRONMENT,
    BATCH_COMPUTE,
    ONLINE_STORE,
    OFFLINE_STORE,
];

const STREAM_DEFAULTS: &[Field] = &[
    RUNTIME,
    ENVIRONMENT,
    BATCH_COMPUTE,
    STREAM_COMPUTE,
    ONLINE_STORE,
    OFFLINE_STORE,
    Field::new("aggregation_leading_edge", Ty::OneOf(LEADING_EDGE_KINDS))
        .versions(Versions::since(1, 0, 0)),
];

const SERVICE_DEFAULTS: &[Field] = &[
    Field::new("realtime_environment", Ty::Str).versions(Versions::since(1, 0, 0)),
    Field::new("transform_server_group", Ty::Str).versions(Versions::since(1, 0, 0)),
    Field::new("feature_server_group", Ty::Str).versions(Versions::since(1, 0, 0)),
    Field::new("on_demand_environment", Ty::Str)
        .versions(Versions::ALL.before(1, 2, 0))
        .note("use `realtime_environment` instead"),
];

const PUSH_CONFIG: &[Field] = &[
    Field::new("transform_server_group", Ty::Str),
    Field::new("ingest_server_group", Ty::Str),
];

const STREAM_SOURCE_DEFAULTS: &[Field] = &[Field::new("push_config", Ty::Object(PUSH_CONFIG))];

pub(crate) const BATCH_FEATURE_VIEW: &str = "batch_feature_view";
pub(crate) const STREAM_FEATURE_VIEW: &str = "stream_feature_view";
pub(crate) const FEATURE_TABLE: &str = "feature_table";
pub(crate) const FEATURE_SERVICE: &str = "feature_service";
pub(crate) const STREAM_SOURCE: &str = "stream_source";

const DEFAULTS: &[Field] = &[
    Field::new(BATCH_FEATURE_VIEW, Ty::Object(BATCH_DEFAULTS)),
    Field::new(STREAM_FEATURE_VIEW, Ty::Object(STREAM_DEFAULTS)),
    Field::new(FEATURE_TABLE, Ty::Object(BATCH_DEFAULTS)),
    Field::new(FEATURE_SERVICE, Ty::Object(SERVICE_DEFAULTS)),
    Field::new(STREAM_SOURCE, Ty::Object(STREAM_SOURCE_DEFAULTS))
        .versions(Versions::since(1, 2, 0)),
];

const REPO_OPTIONS: &[Field] = &[Field::new("isolate_function_deserialization", Ty::Bool)];

/// `RepoConfig`, the document's top level.
pub(crate) const ROOT: &[Field] = &[
    Field::new("defaults", Ty::Object(DEFAULTS)),
    Field::new("repo_options", Ty::Object(REPO_OPTIONS)).versions(Versions::since(1, 0, 1)),
];

/// The fields of a `defaults:` section.
pub(crate) fn section_fields(section: &str) -> &'static [Field] {
    match DEFAULTS.iter().find(|f| f.name == section).map(|f| f.ty) {
        Some(Ty::Object(fields)) => fields,
        _ => &[],
    }
}

pub(crate) fn find_field(fields: &'static [Field], name: &str) -> Option<&'static Field> {
    fields.iter().find(|f| f.name == name)
}

pub(crate) fn compute_kinds() -> &'static [Kind] {
    COMPUTE_KINDS
}

// ---- the SDK version a check is made for --------------------------------------------------------

/// The SDK version as the schema sees it: SDK 0.7 has no repo config, so its files are read with
/// the 0.8 schema.
pub(crate) struct Target {
    version: Option<SdkVersion>,
    display: Option<String>,
}

impl Target {
    pub fn new(sdk: Option<&SdkVersion>) -> Target {
        let version = sdk.map(|v| {
            if v.minor < (Minor { major: 0, minor: 8 }) {
                SdkVersion {
                    minor: Minor { major: 0, minor: 8 },
                    patch: 0,
                    exact: false,
                    display: v.display.clone(),
                }
            } else {
                v.clone()
            }
        });
        Target {
            display: sdk.map(|v| v.display.clone()),
            version,
        }
    }

    pub fn sdk(&self) -> Option<&SdkVersion> {
        self.version.as_ref()
    }

    /// SDK 0.8.0 itself: pydantic 2 strict models, and a runtime validator that turned numbers
    /// into strings (dropped again by 0.8.23).
    pub fn is_080(&self) -> bool {
        self.version
            .as_ref()
            .is_some_and(|v| v.exact && v.patch == 0 && v.minor == (Minor { major: 0, minor: 8 }))
    }

    pub fn accepts_field(&self, field: &Field) -> bool {
        field.versions.accepts(self.sdk())
    }

    pub fn accepts_kind(&self, kind: &Kind) -> bool {
        kind.versions.accepts(self.sdk())
    }

    fn for_sdk(&self) -> String {
        match &self.display {
            Some(d) => format!(" for SDK {d}"),
            None => String::new(),
        }
    }

    fn sdk_name(&self) -> String {
        match &self.display {
            Some(d) => format!("SDK {d}"),
            None => "the SDK in use".to_string(),
        }
    }
}

// ---- the check ----------------------------------------------------------------------------------

pub(crate) struct Checker<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
    pub file: &'a Path,
    pub target: &'a Target,
    pub diagnostics: Vec<Diagnostic>,
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn backticked<'n>(names: impl IntoIterator<Item = &'n str>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A double-quoted YAML scalar holding `s`.
fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Levenshtein distance, case-insensitive.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The candidate closest to `word`, when it is close enough to be a likely typo.
pub(crate) fn closest<'n>(
    word: &str,
    candidates: impl IntoIterator<Item = &'n str>,
) -> Option<&'n str> {
    if word.chars().count() > 200 {
        return None;
    }
    let limit = (word.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

impl Checker<'_> {
    fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range.start, range.end)
    }

    fn node_span(&self, node: NodeId) -> Span {
        self.span(self.doc.node(node).span.clone())
    }

    fn source(&self, node: NodeId) -> &str {
        self.doc.source(self.text, node)
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// How YAML reads a node, for messages: "the number 1.1", "the boolean True", "a list".
    pub(crate) fn reads_as(&self, node: NodeId) -> String {
        match self.doc.value(node) {
            Value::Null => "null".to_string(),
            Value::Bool(true) => "the boolean True".to_string(),
            Value::Bool(false) => "the boolean False".to_string(),
            Value::Int(i) => match i.value {
                Some(v) => format!("the integer {v}"),
                None => "an integer".to_string(),
            },
            Value::Float(f) => format!("the number {}", super::yaml::python_float_repr(*f)),
            Value::Str(_) => "a string".to_string(),
            Value::Timestamp => "a date".to_string(),
            Value::Binary => "binary data".to_string(),
            Value::Seq(_) => "a list".to_string(),
            Value::Map(_) => "a mapping".to_string(),
            Value::Set(_) => "a set".to_string(),
        }
    }

    fn is_scalar(&self, node: NodeId) -> bool {
        !matches!(
            self.doc.value(node),
            Value::Seq(_) | Value::Map(_) | Value::Set(_)
        )
    }

    /// "YAML reads `1.10` as the number 1.1" for scalars, "it is a list" for collections.
    fn what_it_is(&self, node: NodeId) -> String {
        if self.is_scalar(node) {
            format!(
                "YAML reads `{}` as {}",
                self.source(node),
                self.reads_as(node)
            )
        } else {
            format!("it is {}", self.reads_as(node))
        }
    }

    /// Checks a mapping against the fields of a model. `kind` is the config class when the
    /// mapping is one (its `kind:` key was checked already).
    fn check_object(
        &mut self,
        node: NodeId,
        fields: &'static [Field],
        path: &str,
        kind: Option<&Kind>,
    ) {
        let Value::Map(pairs) = self.doc.value(node) else {
            return;
        };
        let pairs = pairs.clone();
        for &(key, value) in &pairs {
            let name = match self.doc.value(key) {
                Value::Str(s) => s.clone(),
                _ => {
                    self.unknown_key(key, None, fields, path, kind);
                    continue;
                }
            };
            if kind.is_some() && name == "kind" {
                continue;
            }
            match find_field(fields, &name) {
                Some(field) if self.target.accepts_field(field) => {
                    self.check_value(field, key, value, &join(path, &name));
                }
                Some(field) => self.key_in_other_version(key, field, fields, path, kind),
                None => self.unknown_key(key, Some(&name), fields, path, kind),
            }
        }
        for field in fields
            .iter()
            .filter(|f| f.required && self.target.accepts_field(f))
        {
            let present = pairs
                .iter()
                .any(|&(k, _)| matches!(self.doc.value(k), Value::Str(s) if s == field.name));
            if !present {
                let owner = kind.map_or("this mapping".to_string(), |k| format!("`{}`", k.name));
                self.push(
                    Diagnostic::new(
                        "TP104",
                        format!("`{}` is required for {owner} at `{path}`", field.name),
                    )
                    .at(self.node_span(node))
                    .with_span_label(format!("no `{}` here", field.name))
                    .with_help(format!("add `{}:` to `{path}`", field.name)),
                );
            }
        }
    }

    fn accepted_names(&self, fields: &'static [Field], kind: Option<&Kind>) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = Vec::new();
        if kind.is_some() {
            names.push("kind");
        }
        names.extend(
            fields
                .iter()
                .filter(|f| self.target.accepts_field(f))
                .map(|f| f.name),
        );
        names
    }

    fn valid_keys_help(&self, fields: &'static [Field], path: &str, kind: Option<&Kind>) -> String {
        let names = self.accepted_names(fields, kind);
        let place = match (kind, path.is_empty()) {
            (Some(k), _) => format!("in a `{}` (`{path}`)", k.name),
            (None, true) => "at the top level".to_string(),
            (None, false) => format!("under `{path}`"),
        };
        if names.is_empty() {
            format!("no keys are valid {place}{}", self.target.for_sdk())
        } else {
            format!(
                "valid keys {place}{}: {}",
                self.target.for_sdk(),
                backticked(names)
            )
        }
    }

    fn unknown_key(
        &mut self,
        key: NodeId,
        name: Option<&str>,
        fields: &'static [Field],
        path: &str,
        kind: Option<&Kind>,
    ) {
        let written = self.doc.key_text(self.text, key);
        let full = join(path, &written);
        let mut message = format!(
            "unknown key `{written}` at `{full}`{}",
            self.target.for_sdk()
        );
        if name.is_none() {
            message.push_str(&format!(
                " ({}, not a string)",
                self.what_it_is(key)
                    .replace("YAML reads", "YAML reads the key")
            ));
        }
        let valid = self.valid_keys_help(fields, path, kind);
        let help = match name {
            Some(name) => {
                if let Some(best) = closest(name, self.accepted_names(fields, kind)) {
                    format!("did you mean `{best}`? {}", capitalize(&valid))
                } else if let Some(reason) = no_such_section(name, path) {
                    format!("{reason}; {valid}")
                } else if let Some(home) = where_it_belongs(name, path) {
                    format!("`{name}` belongs under {home}; {valid}")
                } else {
                    valid
                }
            }
            None => valid,
        };
        self.push(
            Diagnostic::new("TP103", message)
                .at(self.node_span(key))
                .with_span_label("unknown key")
                .with_help(help),
        );
    }

    fn key_in_other_version(
        &mut self,
        key: NodeId,
        field: &Field,
        fields: &'static [Field],
        path: &str,
        kind: Option<&Kind>,
    ) {
        let full = join(path, field.name);
        let message = format!(
            "key `{}` at `{full}` is not accepted by {}: it {}",
            field.name,
            self.target.sdk_name(),
            field.versions.describe()
        );
        let mut help = Vec::new();
        if let Some(note) = field.note {
            help.push(note.to_string());
        }
        help.push(self.valid_keys_help(fields, path, kind));
        self.push(
            Diagnostic::new("TP103", message)
                .at(self.node_span(key))
                .with_span_label(format!("not in {}", self.target.sdk_name()))
                .with_help(help.join("; ")),
        );
    }

    fn check_value(&mut self, field: &Field, key: NodeId, value: NodeId, path: &str) {
        if matches!(self.doc.value(value), Value::Null) {
            if !field.nullable {
                self.push(
                    Diagnostic::new("TP104", format!("`{path}` cannot be null"))
                        .at(self.node_span(key))
                        .with_span_label("null here")
                        .with_help(format!(
                            "remove `{}` to keep Tecton's default, or give it a value",
                            field.name
                        )),
                );
            }
            return;
        }
        match field.ty {
            Ty::Str | Ty::Runtime => self.check_str(field, value, path),
            Ty::Bool => {
                if !matches!(self.doc.value(value), Value::Bool(_)) {
                    let help = match self.doc.value(value) {
                        Value::Str(_) if !self.doc.node(value).plain => {
                            "write `true` or `false` without quotes".to_string()
                        }
                        Value::Str(_) => "write `true` or `false` (YAML 1.1 reads only true/false, yes/no and on/off as booleans)".to_string(),
                        _ => "write `true` or `false`".to_string(),
                    };
                    self.type_error(value, path, "a boolean (`true` or `false`)", help);
                }
            }
            Ty::Int => {
                let ok = match self.doc.value(value) {
                    Value::Int(_) => true,
                    Value::Bool(_) => !self.target.is_080(),
                    _ => false,
                };
                if !ok {
                    let help = match self.doc.value(value) {
                        Value::Str(s) if s.trim().parse::<i64>().is_ok() => {
                            format!(
                                "write the number without quotes: `{}: {}`",
                                field.name,
                                s.trim()
                            )
                        }
                        _ => format!("write a whole number: `{}: 4`", field.name),
                    };
                    self.type_error(value, path, "an integer", help);
                }
            }
            Ty::StrList => self.check_str_list(value, path),
            Ty::StrMap => self.check_str_map(value, path),
            Ty::Json => self.check_json(value, path),
            Ty::Datetime => {
                if !matches!(self.doc.value(value), Value::Timestamp) {
                    self.type_error(
                        value,
                        path,
                        "a date or timestamp",
                        format!(
                            "write an unquoted date such as `{}: 2024-01-01`",
                            field.name
                        ),
                    );
                }
            }
            Ty::Duration => {
                if !matches!(self.doc.value(value), Value::Str(_)) {
                    let help = if self.is_scalar(value) {
                        format!("write a duration string, quoted: `{}: \"24h\"`", field.name)
                    } else {
                        format!("write a duration string such as `{}: 24h`", field.name)
                    };
                    self.type_error(value, path, "a duration string", help);
                }
            }
            Ty::Object(fields) => {
                if matches!(self.doc.value(value), Value::Map(_)) {
                    self.check_object(value, fields, path, None);
                } else {
                    self.type_error(
                        value,
                        path,
                        "a mapping",
                        format!("write the keys of `{}` indented under it", field.name),
                    );
                }
            }
            Ty::OneOf(kinds) => self.check_one_of(field, kinds, key, value, path),
        }
    }

    fn type_error(&mut self, value: NodeId, path: &str, expected: &str, help: String) {
        self.push(
            Diagnostic::new(
                "TP104",
                format!(
                    "`{path}` must be {expected}, but {}",
                    self.what_it_is(value)
                ),
            )
            .at(self.node_span(value))
            .with_span_label(format!("read as {}", self.reads_as(value)))
            .with_help(help),
        );
    }

    fn check_str(&mut self, field: &Field, value: NodeId, path: &str) {
        let v = self.doc.value(value);
        if matches!(v, Value::Str(_)) {
            return;
        }
        let runtime = matches!(field.ty, Ty::Runtime);
        if runtime
            && self.target.is_080()
            && matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_))
        {
            return;
        }
        if !self.is_scalar(value) {
            self.type_error(
                value,
                path,
                "a string",
                format!("write a single quoted value: `{}: \"...\"`", field.name),
            );
            return;
        }
        let written = self.source(value).to_string();
        let intended = if runtime {
            intended_version(&written)
        } else {
            written.clone()
        };
        let rejected_by = if runtime
            && self
                .target
                .sdk()
                .is_some_and(|v| v.minor == (Minor { major: 0, minor: 8 }))
        {
            " (SDK 0.8.0 turned numbers into strings; 0.8.23 and later reject them)".to_string()
        } else {
            String::new()
        };
        let message = format!(
            "`{written}` is read by YAML as {}, but `{path}` must be a string{rejected_by}",
            self.reads_as(value)
        );
        let what = if runtime {
            "the intended version"
        } else {
            "the value"
        };
        let help = if self.doc.node(value).plain {
            format!("quote {what}: `{}: {}`", field.name, quoted(&intended))
        } else {
            format!(
                "remove the tag and quote {what}: `{}: {}`",
                field.name,
                quoted(&intended)
            )
        };
        let mut diagnostic = Diagnostic::new("TP104", message)
            .at(self.node_span(value))
            .with_span_label(format!("read as {}", self.reads_as(value)))
            .with_help(help);
        // A plain `1.0` has one meaning: the version `1.0.0`, quoted. Other values (an integer, a
        // boolean, a tagged or exponent float) leave the intended version to the user.
        if runtime
            && self.doc.node(value).plain
            && matches!(self.doc.value(value), Value::Float(_))
            && intended != written
        {
            diagnostic = diagnostic.with_fix(crate::fix::Fix::safe(
                format!("quote the intended version: {}", quoted(&intended)),
                vec![crate::fix::Edit::replace(
                    &self.node_span(value),
                    quoted(&intended),
                )],
            ));
        }
        self.push(diagnostic);
    }

    fn check_str_list(&mut self, value: NodeId, path: &str) {
        let Value::Seq(items) = self.doc.value(value) else {
            let help = if matches!(self.doc.value(value), Value::Str(_)) {
                format!("write a list: `[{}]`", self.source(value))
            } else {
                "write a list of strings".to_string()
            };
            self.type_error(value, path, "a list of strings", help);
            return;
        };
        for (i, &item) in items.clone().iter().enumerate() {
            if !matches!(self.doc.value(item), Value::Str(_)) {
                let help = if self.is_scalar(item) {
                    format!("quote it: {}", quoted(self.source(item)))
                } else {
                    "write a string".to_string()
                };
                self.type_error(item, &format!("{path}[{i}]"), "a string", help);
            }
        }
    }

    fn check_str_map(&mut self, value: NodeId, path: &str) {
        let Value::Map(pairs) = self.doc.value(value) else {
            self.type_error(
                value,
                path,
                "a mapping of strings to strings",
                "write `key: \"value\"` pairs indented under it".to_string(),
            );
            return;
        };
        for &(k, v) in &pairs.clone() {
            let key_text = self.doc.key_text(self.text, k);
            if !matches!(self.doc.value(k), Value::Str(_)) {
                self.type_error(
                    k,
                    &format!("the key `{key_text}` in `{path}`"),
                    "a string",
                    format!("quote the key: {}", quoted(self.source(k))),
                );
            }
            if !matches!(self.doc.value(v), Value::Str(_)) {
                let help = if self.is_scalar(v) {
                    format!("quote the value: `{key_text}: {}`", quoted(self.source(v)))
                } else {
                    "write a string".to_string()
                };
                self.type_error(v, &join(path, &key_text), "a string", help);
            }
        }
    }

    fn check_json(&mut self, value: NodeId, path: &str) {
        match self.doc.value(value) {
            Value::Str(s) => {
                let s = s.clone();
                match serde_json::from_str::<serde_json::Value>(&s) {
                    Ok(serde_json::Value::Object(_)) => {}
                    Ok(_) => self.push(
                        Diagnostic::new(
                            "TP104",
                            format!(
                                "`{path}` must hold a JSON object, but the JSON is not an object"
                            ),
                        )
                        .at(self.node_span(value))
                        .with_span_label("not a JSON object")
                        .with_help("write the cluster configuration as a JSON object `{...}`"),
                    ),
                    // Python's json module also takes NaN and Infinity, which serde_json refuses.
                    Err(_) if s.contains("NaN") || s.contains("Infinity") => {}
                    Err(e) => self.push(
                        Diagnostic::new("TP104", format!("`{path}` is not valid JSON: {e}"))
                            .at(self.node_span(value))
                            .with_span_label("invalid JSON")
                            .with_help(
                                "fix the JSON text, or write the configuration as a YAML mapping",
                            ),
                    ),
                }
            }
            Value::Map(pairs) => {
                for &(k, _) in &pairs.clone() {
                    if !matches!(self.doc.value(k), Value::Str(_)) {
                        let key_text = self.doc.key_text(self.text, k);
                        self.type_error(
                            k,
                            &format!("the key `{key_text}` in `{path}`"),
                            "a string",
                            format!("quote the key: {}", quoted(self.source(k))),
                        );
                    }
                }
            }
            _ => self.type_error(
                value,
                path,
                "a mapping or a string holding a JSON object",
                "write the cluster configuration as a mapping or as a JSON string".to_string(),
            ),
        }
    }

    fn check_one_of(
        &mut self,
        field: &Field,
        kinds: &'static [Kind],
        key: NodeId,
        value: NodeId,
        path: &str,
    ) {
        let listed: Vec<&str> = kinds
            .iter()
            .filter(|k| self.target.accepts_kind(k) && !k.name.starts_with('_'))
            .map(|k| k.name)
            .collect();
        let valid_kinds = format!(
            "valid kinds for `{}`{}: {}",
            field.name,
            self.target.for_sdk(),
            backticked(listed.iter().copied())
        );
        let Value::Map(pairs) = self.doc.value(value) else {
            let help = match self.doc.value(value) {
                Value::Str(s) if kinds.iter().any(|k| k.name == s) => {
                    format!("write `{}: {{kind: {s}}}`", field.name)
                }
                _ => format!("write a mapping with `kind:`; {valid_kinds}"),
            };
            self.type_error(value, path, "a mapping with a `kind:`", help);
            return;
        };
        let kind_value = pairs
            .iter()
            .find(|&&(k, _)| matches!(self.doc.value(k), Value::Str(s) if s == "kind"))
            .map(|&(_, v)| v);
        let Some(kind_value) = kind_value else {
            self.push(
                Diagnostic::new("TP105", format!("Missing 'kind' field at '{path}'"))
                    .at(self.node_span(key))
                    .with_span_label("no `kind:` in this mapping")
                    .with_help(format!(
                        "add `kind:` naming the config class; {valid_kinds}"
                    )),
            );
            return;
        };
        let name = match self.doc.value(kind_value) {
            Value::Str(s) => s.clone(),
            _ => {
                self.push(
                    Diagnostic::new(
                        "TP105",
                        format!(
                            "`kind` at `{path}` must name a config class, but {}",
                            self.what_it_is(kind_value)
                        ),
                    )
                    .at(self.node_span(kind_value))
                    .with_span_label("not a config class")
                    .with_help(valid_kinds),
                );
                return;
            }
        };
        match kinds.iter().find(|k| k.name == name) {
            Some(kind) if self.target.accepts_kind(kind) => {
                self.check_object(value, kind.fields, path, Some(kind));
            }
            Some(kind) => {
                let mut help = Vec::new();
                if let Some(note) = kind.note {
                    help.push(note.to_string());
                }
                help.push(valid_kinds);
                self.push(
                    Diagnostic::new(
                        "TP105",
                        format!(
                            "kind `{name}` at `{path}` is not accepted by {}: it {}",
                            self.target.sdk_name(),
                            kind.versions.describe()
                        ),
                    )
                    .at(self.node_span(kind_value))
                    .with_span_label(format!("not in {}", self.target.sdk_name()))
                    .with_help(help.join("; ")),
                );
            }
            None => {
                let help = match closest(&name, listed.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`? {}", capitalize(&valid_kinds)),
                    None => valid_kinds,
                };
                self.push(
                    Diagnostic::new(
                        "TP105",
                        format!("unknown kind `{name}` at `{path}`{}", self.target.for_sdk()),
                    )
                    .at(self.node_span(kind_value))
                    .with_span_label("unknown kind")
                    .with_help(help),
                );
            }
        }
    }

    /// Checks the whole document (whose root is a mapping).
    pub fn check_root(&mut self, root: NodeId) {
        self.check_object(root, ROOT, "", None);
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Objects that users look for under `defaults:` but that have no section there.
fn no_such_section(name: &str, path: &str) -> Option<&'static str> {
    if path != "defaults" {
        return None;
    }
    match name {
        "realtime_feature_view" | "on_demand_feature_view" => {
            Some("the repo config has no defaults for realtime or on-demand feature views")
        }
        "entity" | "batch_source" | "push_source" | "data_source" => {
            Some("the repo config has no defaults for entities or data sources")
        }
        _ => None,
    }
}

/// A two-part version such as `1.0` is most likely meant as `1.0.0`; otherwise keep the text.
fn intended_version(written: &str) -> String {
    let parts: Vec<&str> = written.split('.').collect();
    let numeric = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()));
    if parts.len() == 2 && numeric {
        format!("{written}.0")
    } else {
        written.to_string()
    }
}

/// Where a key that is unknown at `path` is valid instead (the model paths, not inside config
/// classes): "`defaults.batch_feature_view`, `defaults.stream_feature_view`".
fn where_it_belongs(name: &str, path: &str) -> Option<String> {
    fn walk(fields: &'static [Field], at: &str, name: &str, found: &mut Vec<String>) {
        for field in fields {
            if field.name == name {
                found.push(at.to_string());
            }
            if let Ty::Object(inner) = field.ty {
                walk(inner, &join(at, field.name), name, found);
            }
        }
    }
    let mut found = Vec::new();
    walk(ROOT, "", name, &mut found);
    found.retain(|p| p != path);
    if found.is_empty() {
        return None;
    }
    let shown: Vec<String> = found
        .iter()
        .take(3)
        .map(|p| {
            if p.is_empty() {
                "the top level".to_string()
            } else {
                format!("`{p}`")
            }
        })
        .collect();
    Some(shown.join(", "))
}
