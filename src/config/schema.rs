//! The repo config schema of every SDK version from 0.8 on, and the check of a parsed document
//! against it. The schema is not written by hand: `scripts/extract-repo-config-schema.py` reads it
//! from the pydantic models of each SDK wheel into `data/repo_config_schema.json`, compiled in here
//! (models, fields, types, which keys are required or nullable, the SDK's own converters, the
//! values a cluster config's `_to_proto()` refuses). This file gives that data its meaning: how
//! pydantic 2 in strict mode (SDK 0.8.0) and pydantic v1 with a typeguard pre-check (0.8.1 on) treat
//! each YAML value, and which findings follow.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;

use super::yaml::{Document, NodeId, Value};
use crate::diagnostic::{Diagnostic, Span};
use crate::sdk::{Minor, SdkVersion};

// ---- the data ------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct RawSchema {
    engine: String,
    root: String,
    models: BTreeMap<String, RawModel>,
    #[serde(default)]
    build: BTreeMap<String, BTreeMap<String, Build>>,
    #[serde(default)]
    time_range_regex: String,
}

#[derive(Deserialize)]
struct RawModel {
    kind: Option<String>,
    fields: Vec<RawField>,
}

#[derive(Deserialize)]
struct RawField {
    key: String,
    #[serde(rename = "type")]
    ty: String,
    required: bool,
    nullable: bool,
    #[serde(default)]
    coerce: Vec<String>,
    #[serde(default)]
    unusable_default: bool,
}

/// What building a view with a cluster config accepts for one of its fields.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct Build {
    pub supported: Vec<String>,
    #[serde(default)]
    pub default: Option<String>,
}

/// What a value must be, in the terms of the pydantic annotation behind it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Ty {
    Str,
    Int,
    Bool,
    Float,
    Datetime,
    Timedelta,
    Any,
    List(Box<Ty>),
    Dict(Box<Ty>, Box<Ty>),
    /// A nested model without a discriminator.
    Model(String),
    /// A union of config classes told apart by `kind:`.
    Union(Vec<String>),
    /// A `Literal` (only the `kind` of a config class; not a key users write otherwise).
    Literal,
}

impl Ty {
    /// Reads the extractor's type notation: `str`, `list[str]`, `dict[str,any]`, `model:Name`,
    /// `union:kind:A|B`.
    fn parse(s: &str) -> Option<Ty> {
        if let Some(name) = s.strip_prefix("model:") {
            return Some(Ty::Model(name.to_string()));
        }
        if let Some(members) = s.strip_prefix("union:kind:") {
            return Some(Ty::Union(members.split('|').map(str::to_string).collect()));
        }
        if s.starts_with("literal:") {
            return Some(Ty::Literal);
        }
        if let Some(inner) = s.strip_prefix("list[").and_then(|r| r.strip_suffix(']')) {
            return Some(Ty::List(Box::new(Ty::parse(inner)?)));
        }
        if let Some(inner) = s.strip_prefix("dict[").and_then(|r| r.strip_suffix(']')) {
            let mut depth = 0usize;
            let comma = inner.char_indices().find(|&(_, c)| {
                match c {
                    '[' => depth += 1,
                    ']' => depth = depth.saturating_sub(1),
                    _ => {}
                }
                c == ',' && depth == 0
            })?;
            let (k, v) = (&inner[..comma.0], &inner[comma.0 + 1..]);
            return Some(Ty::Dict(Box::new(Ty::parse(k)?), Box::new(Ty::parse(v)?)));
        }
        Some(match s {
            "str" => Ty::Str,
            "int" => Ty::Int,
            "bool" => Ty::Bool,
            "float" => Ty::Float,
            "datetime" => Ty::Datetime,
            "timedelta" => Ty::Timedelta,
            "any" => Ty::Any,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Field {
    pub name: String,
    pub ty: Ty,
    /// No default: the key must be present.
    required: bool,
    /// `Optional[...]`: null means "no default".
    nullable: bool,
    /// 0.8.0: numbers become strings before the type check (`_number_to_string`).
    pub numbers_to_string: bool,
    /// A string is parsed as a time range (`24h`) before the type check.
    string_to_timedelta: bool,
    /// A string is parsed as JSON before the type check.
    json_string: bool,
    /// The default is a function (0.8.0's `json`): leaving the key out passes the loader, and
    /// building a view with it fails.
    unusable_default: bool,
}

#[derive(Clone, Debug)]
pub(crate) struct Model {
    pub name: String,
    /// The `kind:` that names this config class in a union.
    pub kind: Option<String>,
    pub fields: Vec<Field>,
}

impl Model {
    pub(crate) fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// The schema of one SDK version, as extracted from its wheel. Its version is read with the list;
/// its models the first time a check asks for them: a check needs one or two of the versions, and
/// reading every version's models took about 2% of a small repository's run.
pub(crate) struct Schema {
    /// The SDK version it was read from (`1.2.13`).
    pub version: String,
    order: (u64, u64, u64),
    /// This version's part of the data file (a JSON object).
    text: &'static str,
    body: OnceLock<Body>,
}

/// What a [`Schema`] says about the repo config.
#[derive(Default)]
struct Body {
    /// pydantic 2 in strict mode (0.8.0); otherwise pydantic v1 with a typeguard pre-check.
    strict: bool,
    root: String,
    models: BTreeMap<String, Model>,
    build: BTreeMap<String, BTreeMap<String, Build>>,
    time_range_regex: String,
}

impl Schema {
    /// The models, read on first use. The data is generated and tested (every version reads); an
    /// unreadable version would have no models, and its checks would find nothing.
    fn body(&self) -> &Body {
        self.body.get_or_init(|| {
            serde_json::from_str::<RawSchema>(self.text)
                .map(build_body)
                .unwrap_or_default()
        })
    }

    pub(crate) fn model(&self, name: &str) -> Option<&Model> {
        self.body().models.get(name)
    }

    pub(crate) fn root(&self) -> Option<&Model> {
        self.model(&self.body().root)
    }

    fn strict(&self) -> bool {
        self.body().strict
    }

    fn build(&self) -> &BTreeMap<String, BTreeMap<String, Build>> {
        &self.body().build
    }

    /// Read by the test that holds `is_time_range` to the SDK's pattern.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn time_range_regex(&self) -> &str {
        &self.body().time_range_regex
    }

    fn minor(&self) -> (u64, u64) {
        (self.order.0, self.order.1)
    }
}

/// `1.3.0b4` -> (1, 3, 0).
fn release_of(version: &str) -> (u64, u64, u64) {
    let mut parts = version.split('.').map(|p| {
        p.chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(0)
    });
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

fn build_body(raw: RawSchema) -> Body {
    let models = raw
        .models
        .into_iter()
        .map(|(name, m)| {
            let fields = m
                .fields
                .into_iter()
                .filter_map(|f| {
                    let has = |c: &str| f.coerce.iter().any(|x| x == c);
                    Some(Field {
                        ty: Ty::parse(&f.ty)?,
                        required: f.required,
                        nullable: f.nullable,
                        numbers_to_string: has("number_to_string"),
                        string_to_timedelta: has("string_to_timedelta"),
                        json_string: has("str_to_json_struct"),
                        unusable_default: f.unusable_default,
                        name: f.key,
                    })
                })
                .collect();
            let model = Model {
                name: name.clone(),
                kind: m.kind,
                fields,
            };
            (name, model)
        })
        .collect();
    Body {
        strict: raw.engine == "pydantic2-strict",
        root: raw.root,
        models,
        build: raw.build,
        time_range_regex: raw.time_range_regex,
    }
}

pub(super) const SCHEMA_JSON: &str = include_str!("../../data/repo_config_schema.json");

/// Each version's key and the text of its object, as a JSON reader sees them (checking the whole
/// text, which took 1.5% of a small repository's check).
pub(super) fn read_versions(text: &'static str) -> Vec<(String, &'static str)> {
    serde_json::from_str::<BTreeMap<String, &'static serde_json::value::RawValue>>(text)
        .unwrap_or_default()
        .into_iter()
        .map(|(version, raw)| (version, raw.get()))
        .collect()
}

/// [`read_versions`] from the layout `scripts/extract-repo-config-schema.py` writes: one space of
/// indent per level, so each version's object opens on a line ` "X.Y.Z": {` and closes on the
/// next line that starts with ` }`. Only those lines are looked at (a JSON string holds no line
/// break, so they are found by searching the text); `None` when they do not pair up. A test holds
/// it to [`read_versions`] on the compiled-in file.
pub(super) fn split_versions(text: &'static str) -> Option<Vec<(String, &'static str)>> {
    let bytes = text.as_bytes();
    let opens: Vec<usize> = memchr::memmem::find_iter(bytes, b"\n \"")
        .map(|i| i + 1)
        .collect();
    let closes: Vec<usize> = memchr::memmem::find_iter(bytes, b"\n }")
        .map(|i| i + 1)
        .collect();
    if opens.is_empty() || opens.len() != closes.len() {
        return None;
    }
    let mut versions = Vec::with_capacity(opens.len());
    for (k, (&open, &close)) in opens.iter().zip(&closes).enumerate() {
        if close < open || opens.get(k + 1).is_some_and(|&next| next < close) {
            return None;
        }
        let line_end = memchr::memchr(b'\n', &bytes[open..]).map_or(bytes.len(), |e| open + e);
        let (version, tail) = text.get(open + 2..line_end)?.split_once('"')?;
        if tail != ": {" || version.contains('\\') {
            return None;
        }
        versions.push((version.to_string(), text.get(line_end - 1..close + 2)?));
    }
    Some(versions)
}

/// Every recorded SDK version's schema, oldest first.
pub(crate) fn schemas() -> &'static [Schema] {
    static DATA: OnceLock<Vec<Schema>> = OnceLock::new();
    DATA.get_or_init(|| {
        let mut raw = split_versions(SCHEMA_JSON).unwrap_or_else(|| read_versions(SCHEMA_JSON));
        // In the order a map keyed by version text gives, as the JSON reader does.
        raw.sort_by(|a, b| a.0.cmp(&b.0));
        let mut all: Vec<Schema> = raw
            .into_iter()
            .map(|(version, text)| Schema {
                order: release_of(&version),
                version,
                text,
                body: OnceLock::new(),
            })
            .collect();
        all.sort_by_key(|s| s.order);
        all
    })
}

pub(crate) const BATCH_FEATURE_VIEW: &str = "batch_feature_view";
pub(crate) const STREAM_FEATURE_VIEW: &str = "stream_feature_view";
pub(crate) const FEATURE_TABLE: &str = "feature_table";
pub(crate) const FEATURE_SERVICE: &str = "feature_service";
pub(crate) const STREAM_SOURCE: &str = "stream_source";

/// Help for keys and kinds that moved, which the models cannot say.
fn note_for(name: &str) -> Option<&'static str> {
    match name {
        "on_demand_environment" => Some("use `realtime_environment` instead"),
        "RiftClusterConfig" => Some("SDK 0.9 and later call it `RiftBatchConfig`"),
        "RiftBatchConfig" => Some("SDK 0.8 calls it `RiftClusterConfig`"),
        _ => None,
    }
}

/// The pairs a value gives when pydantic builds a model from it. A mapping gives its own; pydantic
/// v1 also calls `dict(value)` on anything else, so an empty list, an empty string or set, a list
/// of two-item lists, and a `!!omap` or `!!pairs` list pass as well (pydantic 2's strict mode takes
/// only a mapping).
pub(crate) fn entries(doc: &Document, node: NodeId, strict: bool) -> Option<Vec<(NodeId, NodeId)>> {
    match doc.value(node) {
        Value::Map(pairs) => Some(pairs.clone()),
        _ if strict => None,
        Value::Seq(items) => {
            let tuples = doc.node(node).pairs;
            items
                .iter()
                .map(|&item| match doc.value(item) {
                    Value::Seq(pair) if pair.len() == 2 => Some((pair[0], pair[1])),
                    Value::Map(pair) if tuples && pair.len() == 1 => Some(pair[0]),
                    _ => None,
                })
                .collect()
        }
        Value::Str(s) if s.is_empty() => Some(Vec::new()),
        Value::Set(items) if items.is_empty() => Some(Vec::new()),
        _ => None,
    }
}

/// The value of `name` in a node read as a model.
pub(crate) fn get(doc: &Document, node: NodeId, name: &str, strict: bool) -> Option<NodeId> {
    entries(doc, node, strict)?
        .into_iter()
        .rev()
        .find(|&(k, _)| matches!(doc.value(k), Value::Str(s) if s == name))
        .map(|(_, v)| v)
}

/// Whether `text` is a time range Tecton's `parse_to_timedelta` takes:
/// `^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$`, and not empty. (Python's `$` also matches
/// before one final newline.)
pub(crate) fn is_time_range(text: &str) -> bool {
    if text.is_empty() {
        return false;
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    let mut rest = body;
    for unit in ['d', 'h', 'm', 's'] {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(unit) {
            rest = &rest[digits + 1..];
        }
    }
    rest.is_empty()
}

// ---- the SDK version a check is made for --------------------------------------------------------

/// The schema a check uses. For a known SDK version: the recorded version of its minor with the
/// highest patch not above it (the lowest of the minor when all are above it); SDK 0.7, which has
/// no repo config, uses the newest 0.8 schema. With no SDK version, the newest schema, and a key or
/// kind that any recorded version accepts is not reported.
pub(crate) struct Target {
    schema: Option<&'static Schema>,
    /// Versions whose keys and kinds are not reported either: every recorded version when the SDK
    /// version is unknown; the next recorded patch of the minor when the SDK lies between two
    /// recorded patches (the change happened somewhere in between).
    also: Vec<&'static Schema>,
    display: Option<String>,
}

impl Target {
    pub fn new(sdk: Option<&SdkVersion>) -> Target {
        let all = schemas();
        let mut also: Vec<&'static Schema> = Vec::new();
        let schema = match sdk {
            None => {
                also.extend(all.iter());
                all.last()
            }
            Some(v) => {
                let minor = if v.minor < (Minor { major: 0, minor: 8 }) {
                    Minor { major: 0, minor: 8 }
                } else {
                    v.minor
                };
                let patch = if v.minor == minor { v.patch } else { u64::MAX };
                let same: Vec<&Schema> = all
                    .iter()
                    .filter(|s| s.minor() == (minor.major, minor.minor))
                    .collect();
                if !same.iter().any(|s| s.order.2 == patch) {
                    also.extend(same.iter().find(|s| s.order.2 > patch));
                }
                same.iter()
                    .rev()
                    .find(|s| s.order.2 <= patch)
                    .or_else(|| same.first())
                    .copied()
                    .or_else(|| {
                        // A minor without recorded data: the newest older one, else the oldest.
                        all.iter()
                            .rev()
                            .find(|s| s.minor() < (minor.major, minor.minor))
                            .or_else(|| all.first())
                    })
            }
        };
        Target {
            schema,
            also,
            display: sdk.map(|v| v.display.clone()),
        }
    }

    pub fn schema(&self) -> Option<&'static Schema> {
        self.schema
    }

    /// pydantic 2's strict mode (SDK 0.8.0).
    pub fn strict(&self) -> bool {
        self.schema.is_some_and(Schema::strict)
    }

    fn model(&self, name: &str) -> Option<&'static Model> {
        self.schema?.model(name)
    }

    /// The model of a `defaults:` section (`BatchFeatureViewDefaults`).
    pub fn section_model(&self, section: &str) -> Option<&'static Model> {
        let root = self.schema?.root()?;
        let defaults = match &root.field("defaults")?.ty {
            Ty::Model(name) => self.model(name)?,
            _ => return None,
        };
        match &defaults.field(section)?.ty {
            Ty::Model(name) => self.model(name),
            _ => None,
        }
    }

    /// Whether a version in `also` has `key` in the model named `model`.
    fn any_version_has_key(&self, model: &str, key: &str) -> bool {
        self.also
            .iter()
            .any(|s| s.model(model).is_some_and(|m| m.field(key).is_some()))
    }

    fn any_version_has_kind(&self, model: &str, field: &str, kind: &str) -> bool {
        self.also.iter().any(|s| {
            s.model(model)
                .and_then(|m| m.field(field))
                .is_some_and(|f| matches!(&f.ty, Ty::Union(k) if k.iter().any(|k| k == kind)))
        })
    }

    /// Why building a view with `kind(field=value)` fails under this SDK version, or `None` when
    /// it does not (or when a version in `also` would accept the value). An empty
    /// `instance_availability` or `python_version` is skipped, as the SDK skips it.
    pub fn build_rejection(&self, kind: &str, field: &str, value: &str) -> Option<BuildRejection> {
        let rule = self.schema?.build().get(kind)?.get(field)?;
        if value.is_empty() && field != "dbr_version" && field != "emr_version" {
            return None;
        }
        let supports = |s: &Schema| {
            s.build()
                .get(kind)
                .and_then(|b| b.get(field))
                .is_some_and(|r| r.supported.iter().any(|x| x == value))
        };
        if rule.supported.iter().any(|x| x == value) || self.also.iter().any(|s| supports(s)) {
            return None;
        }
        let mut supported = rule.supported.clone();
        supported.sort_by_key(|s| version_sort_key(s));
        let what = match field {
            "instance_availability" => "instance availability",
            "python_version" => "EMR Python version",
            "dbr_version" => "Databricks runtime",
            _ => "EMR release",
        };
        let listed = backticked(supported.iter().map(String::as_str));
        let sdk = self.sdk_name();
        let help = match (field, &rule.default) {
            ("dbr_version" | "emr_version", Some(default)) => format!(
                "pin a version {sdk} supports: {listed}; or leave `{field}` out for its default, `{default}`"
            ),
            _ => match closest(value, supported.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`? {sdk} supports {listed}"),
                None => format!("use a value {sdk} supports: {listed}"),
            },
        };
        Some(BuildRejection {
            what: format!("{what} `{value}`"),
            help,
        })
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

/// A cluster config value that building a view refuses: what it is (`Databricks runtime
/// `10.4.x-scala2.12``) and the fix.
pub(crate) struct BuildRejection {
    pub what: String,
    pub help: String,
}

/// The recorded versions (indexes into `schemas()`) whose model `model` has `key`.
fn versions_with_key(model: &str, key: &str) -> Vec<usize> {
    schemas()
        .iter()
        .enumerate()
        .filter(|(_, s)| s.model(model).is_some_and(|m| m.field(key).is_some()))
        .map(|(i, _)| i)
        .collect()
}

/// The recorded versions whose `model.field` union admits `kind`.
fn versions_with_kind(model: &str, field: &str, kind: &str) -> Vec<usize> {
    schemas()
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.model(model)
                .and_then(|m| m.field(field))
                .is_some_and(|f| matches!(&f.ty, Ty::Union(k) if k.iter().any(|k| k == kind)))
        })
        .map(|(i, _)| i)
        .collect()
}

/// "1.0" for the first recorded version of its minor, else the full version.
fn since_text(i: usize) -> String {
    let all = schemas();
    let s = &all[i];
    let first_of_minor = i == 0 || all[i - 1].minor() != s.minor();
    if first_of_minor {
        format!("{}.{}", s.order.0, s.order.1)
    } else {
        s.version.clone()
    }
}

/// "needs SDK 1.2 or later", "was removed in SDK 1.2", "exists only in SDK 0.8", from the recorded
/// versions that have a key or kind.
fn describe(present: &[usize]) -> String {
    let all = schemas();
    let (Some(&first), Some(&last)) = (present.first(), present.last()) else {
        return "is not in any recorded SDK version".to_string();
    };
    let first_of_minor = |i: usize| i == 0 || all[i - 1].minor() != all[i].minor();
    let needs = || {
        let mut text = format!("needs SDK {} or later", since_text(first));
        if !first_of_minor(first) {
            text.push_str(&format!(
                " (SDK {} does not have it)",
                all[first - 1].version
            ));
        }
        text
    };
    let Some(after) = all.get(last + 1) else {
        return needs();
    };
    if all[first].minor() == all[last].minor()
        && first_of_minor(first)
        && after.minor() != all[last].minor()
    {
        return format!(
            "exists only in SDK {}.{}",
            all[first].order.0, all[first].order.1
        );
    }
    if first == 0 {
        return format!("was removed in SDK {}", since_text(last + 1));
    }
    format!(
        "exists only from SDK {} up to (not including) {}",
        since_text(first),
        since_text(last + 1)
    )
}

// ---- the check ----------------------------------------------------------------------------------

pub(crate) struct Checker<'a> {
    pub text: &'a str,
    pub doc: &'a Document,
    pub file: &'a Path,
    pub target: &'a Target,
    pub diagnostics: Vec<Diagnostic>,
    /// The TP107 findings among `diagnostics` that are about a `defaults:` section's cluster
    /// config, with that section and key.
    pub refused_defaults: Vec<super::RefusedDefault>,
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

    /// A TP107 finding about the cluster config at `path` (`defaults.<section>.<key>`), recorded
    /// with its section and key: the SDK refuses the value only when it builds an object of that
    /// section with the default.
    fn push_refused(&mut self, diagnostic: Diagnostic, path: &str) {
        let mut parts = path.split('.');
        let place = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("defaults"), Some(section), Some(key), None) => super::Section::ALL
                .into_iter()
                .find(|s| s.key() == section)
                .zip(match key {
                    "batch_compute" => Some(super::ComputeKey::BatchCompute),
                    "stream_compute" => Some(super::ComputeKey::StreamCompute),
                    _ => None,
                }),
            _ => None,
        };
        if let (Some((section, key)), Some(span)) = (place, &diagnostic.span) {
            self.refused_defaults.push(super::RefusedDefault {
                span: span.clone(),
                section,
                key,
            });
        }
        self.push(diagnostic);
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

    /// Checks the whole document (whose root is a mapping).
    pub fn check_root(&mut self, root: NodeId) {
        if let Some(model) = self.target.schema().and_then(Schema::root) {
            self.check_object(root, model, "", false);
        }
    }

    /// Checks what pydantic builds `model` from (a mapping, or what pydantic v1 turns into one).
    /// `in_union` is true for a config class picked by `kind:` (its `kind:` was checked already).
    fn check_object(&mut self, node: NodeId, model: &'static Model, path: &str, in_union: bool) {
        let Some(pairs) = entries(self.doc, node, self.target.strict()) else {
            return;
        };
        for &(key, value) in &pairs {
            let name = match self.doc.value(key) {
                Value::Str(s) => s.clone(),
                _ => {
                    self.unknown_key(key, None, model, path, in_union);
                    continue;
                }
            };
            if in_union && name == "kind" {
                continue;
            }
            match model.field(&name) {
                Some(field) => self.check_value(field, &model.name, key, value, &join(path, &name)),
                None if self.target.any_version_has_key(&model.name, &name) => {}
                None if !versions_with_key(&model.name, &name).is_empty() => {
                    self.key_in_other_version(key, &name, model, path, in_union);
                }
                None => self.unknown_key(key, Some(&name), model, path, in_union),
            }
        }
        let present = |field: &Field| {
            pairs
                .iter()
                .any(|&(k, _)| matches!(self.doc.value(k), Value::Str(s) if *s == field.name))
        };
        let owner = match (in_union, &model.kind) {
            (true, Some(kind)) => format!("`{kind}`"),
            _ => "this mapping".to_string(),
        };
        let missing_required: Vec<&Field> = model
            .fields
            .iter()
            .filter(|f| f.required && !present(f))
            .collect();
        for field in missing_required {
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
        let unusable: Vec<&Field> = model
            .fields
            .iter()
            .filter(|f| f.unusable_default && !present(f))
            .collect();
        for field in unusable {
            self.push_refused(
                Diagnostic::new(
                    "TP107",
                    format!(
                        "{owner} at `{path}` has no `{}`: {} accepts that in `repo.yaml` but fails when it builds a view with it",
                        field.name,
                        self.target.sdk_name()
                    ),
                )
                .at(self.node_span(node))
                .with_span_label(format!("no `{}` here", field.name))
                .with_help(format!("add `{}:` to `{path}`", field.name)),
                path,
            );
        }
        if in_union {
            self.check_build(&pairs, model, path);
        }
    }

    /// The values a cluster config's `_to_proto()` refuses when a view is built with it: an
    /// `instance_availability` outside the supported set (an empty one is skipped, as the SDK
    /// does), a pinned `dbr_version`/`emr_version` the SDK does not support, an EMR
    /// `python_version` it does not know.
    fn check_build(&mut self, pairs: &[(NodeId, NodeId)], model: &Model, path: &str) {
        for &(key, value) in pairs {
            let Value::Str(name) = self.doc.value(key) else {
                continue;
            };
            let Value::Str(v) = self.doc.value(value) else {
                continue;
            };
            let Some(BuildRejection { what, help }) =
                self.target.build_rejection(&model.name, name, v)
            else {
                continue;
            };
            self.push_refused(
                Diagnostic::new(
                    "TP107",
                    format!(
                        "{what} at `{}` is not supported by {}: `tecton plan` fails when it builds a view with this config",
                        join(path, name),
                        self.target.sdk_name()
                    ),
                )
                .at(self.node_span(value))
                .with_span_label("not supported")
                .with_help(help),
                path,
            );
        }
    }

    fn accepted_names(&self, model: &Model, in_union: bool) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        if in_union {
            names.push("kind".to_string());
        }
        names.extend(model.fields.iter().map(|f| f.name.clone()));
        names
    }

    fn valid_keys_help(&self, model: &Model, path: &str, in_union: bool) -> String {
        let names = self.accepted_names(model, in_union);
        let place = match (in_union, &model.kind, path.is_empty()) {
            (true, Some(k), _) => format!("in a `{k}` (`{path}`)"),
            (_, _, true) => "at the top level".to_string(),
            _ => format!("under `{path}`"),
        };
        if names.is_empty() {
            format!("no keys are valid {place}{}", self.target.for_sdk())
        } else {
            format!(
                "valid keys {place}{}: {}",
                self.target.for_sdk(),
                backticked(names.iter().map(String::as_str))
            )
        }
    }

    fn unknown_key(
        &mut self,
        key: NodeId,
        name: Option<&str>,
        model: &Model,
        path: &str,
        in_union: bool,
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
        let valid = self.valid_keys_help(model, path, in_union);
        let accepted = self.accepted_names(model, in_union);
        let help = match name {
            Some(name) => {
                if let Some(best) = closest(name, accepted.iter().map(String::as_str)) {
                    format!("did you mean `{best}`? {}", capitalize(&valid))
                } else if let Some(reason) = no_such_section(name, path) {
                    format!("{reason}; {valid}")
                } else if let Some(home) = self.where_it_belongs(name, path) {
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
        name: &str,
        model: &Model,
        path: &str,
        in_union: bool,
    ) {
        let full = join(path, name);
        let history = describe(&versions_with_key(&model.name, name));
        let message = format!(
            "key `{name}` at `{full}` is not accepted by {}: it {history}",
            self.target.sdk_name(),
        );
        let mut help = Vec::new();
        if let Some(note) = note_for(name) {
            help.push(note.to_string());
        }
        help.push(self.valid_keys_help(model, path, in_union));
        self.push(
            Diagnostic::new("TP103", message)
                .at(self.node_span(key))
                .with_span_label(format!("not in {}", self.target.sdk_name()))
                .with_help(help.join("; ")),
        );
    }

    /// Where a key unknown at `path` is valid instead, following nested models (not config
    /// classes): "`defaults.batch_feature_view`, `defaults.stream_feature_view`".
    fn where_it_belongs(&self, name: &str, path: &str) -> Option<String> {
        fn walk(
            schema: &Schema,
            model: &Model,
            at: &str,
            name: &str,
            found: &mut Vec<String>,
            depth: usize,
        ) {
            if depth > 8 {
                return;
            }
            for field in &model.fields {
                if field.name == name {
                    found.push(at.to_string());
                }
                if let Ty::Model(inner) = &field.ty {
                    if let Some(inner) = schema.model(inner) {
                        walk(
                            schema,
                            inner,
                            &join(at, &field.name),
                            name,
                            found,
                            depth + 1,
                        );
                    }
                }
            }
        }
        let schema = self.target.schema()?;
        let mut found = Vec::new();
        walk(schema, schema.root()?, "", name, &mut found, 0);
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

    fn check_value(&mut self, field: &Field, owner: &str, key: NodeId, value: NodeId, path: &str) {
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
        match &field.ty {
            Ty::Str => self.check_str(field, value, path),
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
            Ty::Int | Ty::Float => {
                let ok = match self.doc.value(value) {
                    Value::Int(_) => true,
                    Value::Float(_) => field.ty == Ty::Float,
                    // typeguard counts a bool as an int; pydantic 2's strict mode does not.
                    Value::Bool(_) => !self.target.strict(),
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
            Ty::Any | Ty::Literal => {}
            Ty::List(inner) => self.check_list(inner, value, path),
            Ty::Dict(k, v) => self.check_dict(field, k, v, value, path),
            Ty::Datetime => {
                // Every datetime field converts dates first (`_date_to_datetime`); a string is
                // refused by both pydantic engines here.
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
            Ty::Timedelta => match self.doc.value(value) {
                Value::Str(s) if field.string_to_timedelta => {
                    if !is_time_range(s) {
                        let s = s.clone();
                        self.push(
                            Diagnostic::new(
                                "TP104",
                                format!(
                                    "`{path}` must be a time range such as `1d12h`, but `{s}` is not in the form `[days]d[hours]h[minutes]m[seconds]s`"
                                ),
                            )
                            .at(self.node_span(value))
                            .with_span_label("not a time range")
                            .with_help(format!("write a duration such as `{}: 24h`", field.name)),
                        );
                    }
                }
                _ => {
                    let help = if self.is_scalar(value) {
                        format!("write a duration string, quoted: `{}: \"24h\"`", field.name)
                    } else {
                        format!("write a duration string such as `{}: 24h`", field.name)
                    };
                    self.type_error(value, path, "a duration string", help);
                }
            },
            Ty::Model(name) => match self.target.model(name) {
                Some(model) if entries(self.doc, value, self.target.strict()).is_some() => {
                    self.check_object(value, model, path, false);
                }
                _ => {
                    let mut help = format!("write the keys of `{}` indented under it", field.name);
                    if self.target.strict() && entries(self.doc, value, false).is_some() {
                        help.push_str(
                            " (SDK 0.8.0 takes only a mapping here; later versions also read this as one)",
                        );
                    }
                    self.type_error(value, path, "a mapping", help);
                }
            },
            Ty::Union(kinds) => self.check_one_of(field, owner, kinds, key, value, path),
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
        if field.numbers_to_string && matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_))
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
        let runtime = field.name == "tecton_materialization_runtime";
        let written = self.source(value).to_string();
        let intended = if runtime {
            intended_version(&written)
        } else {
            written.clone()
        };
        let rejected_by = if runtime
            && self.target.schema().is_some_and(|s| s.minor() == (0, 8))
            && matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_))
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

    fn check_list(&mut self, inner: &Ty, value: NodeId, path: &str) {
        let Value::Seq(items) = self.doc.value(value) else {
            let help = if matches!(self.doc.value(value), Value::Str(_)) {
                format!("write a list: `[{}]`", self.source(value))
            } else {
                "write a list of strings".to_string()
            };
            self.type_error(value, path, "a list of strings", help);
            return;
        };
        if *inner != Ty::Str {
            return;
        }
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

    fn check_dict(&mut self, field: &Field, k: &Ty, v: &Ty, value: NodeId, path: &str) {
        if field.json_string {
            if let Value::Str(s) = self.doc.value(value) {
                let s = s.clone();
                self.check_json_text(&s, value, path);
                return;
            }
        }
        let Value::Map(pairs) = self.doc.value(value) else {
            let (expected, help) = if field.json_string {
                (
                    "a mapping or a string holding a JSON object",
                    "write the cluster configuration as a mapping or as a JSON string",
                )
            } else {
                (
                    "a mapping of strings to strings",
                    "write `key: \"value\"` pairs indented under it",
                )
            };
            self.type_error(value, path, expected, help.to_string());
            return;
        };
        for &(key, val) in &pairs.clone() {
            let key_text = self.doc.key_text(self.text, key);
            if *k == Ty::Str && !matches!(self.doc.value(key), Value::Str(_)) {
                self.type_error(
                    key,
                    &format!("the key `{key_text}` in `{path}`"),
                    "a string",
                    format!("quote the key: {}", quoted(self.source(key))),
                );
            }
            if *v == Ty::Str && !matches!(self.doc.value(val), Value::Str(_)) {
                let help = if self.is_scalar(val) {
                    format!(
                        "quote the value: `{key_text}: {}`",
                        quoted(self.source(val))
                    )
                } else {
                    "write a string".to_string()
                };
                self.type_error(val, &join(path, &key_text), "a string", help);
            }
        }
    }

    fn check_json_text(&mut self, s: &str, value: NodeId, path: &str) {
        match serde_json::from_str::<serde_json::Value>(&without_python_constants(s)) {
            Ok(serde_json::Value::Object(_)) => {}
            Ok(_) => self.push(
                Diagnostic::new(
                    "TP104",
                    format!("`{path}` must hold a JSON object, but the JSON is not an object"),
                )
                .at(self.node_span(value))
                .with_span_label("not a JSON object")
                .with_help("write the cluster configuration as a JSON object `{...}`"),
            ),
            Err(e) => self.push(
                Diagnostic::new("TP104", format!("`{path}` is not valid JSON: {e}"))
                    .at(self.node_span(value))
                    .with_span_label("invalid JSON")
                    .with_help("fix the JSON text, or write the configuration as a YAML mapping"),
            ),
        }
    }

    fn check_one_of(
        &mut self,
        field: &Field,
        owner: &str,
        kinds: &[String],
        key: NodeId,
        value: NodeId,
        path: &str,
    ) {
        let listed: Vec<&str> = kinds
            .iter()
            .filter(|k| !k.starts_with('_'))
            .map(String::as_str)
            .collect();
        let valid_kinds = format!(
            "valid kinds for `{}`{}: {}",
            field.name,
            self.target.for_sdk(),
            backticked(listed.iter().copied())
        );
        let Value::Map(pairs) = self.doc.value(value) else {
            let help = match self.doc.value(value) {
                Value::Str(s) if kinds.iter().any(|k| k == s) => {
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
        if kinds.contains(&name) {
            if let Some(model) = self.target.model(&name) {
                self.check_object(value, model, path, true);
            }
            return;
        }
        if self.target.any_version_has_kind(owner, &field.name, &name) {
            return;
        }
        let history = versions_with_kind(owner, &field.name, &name);
        if !history.is_empty() {
            let mut help = Vec::new();
            if let Some(note) = note_for(&name) {
                help.push(note.to_string());
            }
            help.push(valid_kinds);
            self.push(
                Diagnostic::new(
                    "TP105",
                    format!(
                        "kind `{name}` at `{path}` is not accepted by {}: it {}",
                        self.target.sdk_name(),
                        describe(&history)
                    ),
                )
                .at(self.node_span(kind_value))
                .with_span_label(format!("not in {}", self.target.sdk_name()))
                .with_help(help.join("; ")),
            );
            return;
        }
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

/// `s` with the constants Python's `json.loads` takes and JSON does not (`NaN`, `Infinity`,
/// `-Infinity`) replaced by `0` outside string literals, so that serde_json reads what Python reads.
fn without_python_constants(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            rest = &rest[c.len_utf8()..];
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        let constant = ["-Infinity", "Infinity", "NaN"]
            .into_iter()
            .find(|k| rest.starts_with(k));
        if let Some(k) = constant {
            out.push('0');
            rest = &rest[k.len()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Orders `9.1.x-scala2.12` before `10.4.x-scala2.12`, `emr-6.9.1` before `emr-6.12.0`.
fn version_sort_key(s: &str) -> Vec<u64> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().unwrap_or(0))
        .collect()
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
