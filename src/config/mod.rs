//! The repo config (`repo.yaml`): read the way the Tecton CLI reads it (PyYAML `safe_load`, so
//! YAML 1.1), checked against the pydantic schema of the SDK version in use, and reduced to the
//! defaults the rules need, each with the span it was written at. `yaml` turns text into a tree
//! with positions, `schema` holds the schema per SDK version and checks the tree; this file joins
//! them and owns the rules' findings TP102 to TP106.

mod schema;
mod yaml;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod variants;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Span};
use crate::sdk::SdkVersion;
use schema::{Checker, Target};
use yaml::{Document, NodeId, Value};

/// A default written in the repo config. `valid` is false when Tecton rejects the value itself
/// (a runtime written as a YAML number, a key the SDK does not have, a kind it does not know), so
/// that rules report the source once instead of every object that inherits it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigValue {
    pub value: String,
    pub span: Span,
    pub valid: bool,
}

/// A section of `defaults:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    BatchFeatureView,
    StreamFeatureView,
    FeatureTable,
    FeatureService,
    StreamSource,
}

impl Section {
    pub(crate) const ALL: [Section; 5] = [
        Section::BatchFeatureView,
        Section::StreamFeatureView,
        Section::FeatureTable,
        Section::FeatureService,
        Section::StreamSource,
    ];

    /// The key under `defaults:`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Section::BatchFeatureView => schema::BATCH_FEATURE_VIEW,
            Section::StreamFeatureView => schema::STREAM_FEATURE_VIEW,
            Section::FeatureTable => schema::FEATURE_TABLE,
            Section::FeatureService => schema::FEATURE_SERVICE,
            Section::StreamSource => schema::STREAM_SOURCE,
        }
    }
}

/// The defaults of one section that the rules use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SectionDefaults {
    /// `tecton_materialization_runtime`.
    pub runtime: Option<ConfigValue>,
    pub environment: Option<ConfigValue>,
    /// The `kind:` of `batch_compute` (`DatabricksClusterConfig`), with the span of that kind.
    pub batch_compute: Option<ConfigValue>,
    /// The `kind:` of `stream_compute`.
    pub stream_compute: Option<ConfigValue>,
}

/// A cluster config of a `defaults:` section.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComputeKey {
    BatchCompute,
    StreamCompute,
}

impl ComputeKey {
    /// The key in the section, which is also the view's keyword.
    pub fn key(self) -> &'static str {
        match self {
            ComputeKey::BatchCompute => "batch_compute",
            ComputeKey::StreamCompute => "stream_compute",
        }
    }
}

/// A value of a cluster config default that the SDK loads but refuses when it builds an object
/// with it (a TP107 finding at `span`): whether `tecton plan` fails depends on the objects the
/// SDK gives that default, so the finding's weight is decided once the Python is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefusedDefault {
    pub span: Span,
    pub section: Section,
    pub key: ComputeKey,
}

/// What the repo config sets, as far as it could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepoConfig {
    pub path: PathBuf,
    /// The sections written as mappings under `defaults:`.
    pub sections: BTreeMap<Section, SectionDefaults>,
    /// The TP107 findings about cluster config defaults, with the section and key of each (one
    /// value reached through a YAML alias from two sections is listed once per section).
    pub refused_defaults: Vec<RefusedDefault>,
}

impl RepoConfig {
    pub fn defaults(&self, s: Section) -> Option<&SectionDefaults> {
        self.sections.get(&s)
    }
}

/// Why `tecton plan` fails when it builds a view with the cluster config `config(param=value)`
/// under `sdk` (an unsupported pinned Spark version, an unknown instance availability): what the
/// value is, and the fix. With the SDK version unknown, only a value no recorded version accepts.
pub fn cluster_value_rejection(
    sdk: Option<&SdkVersion>,
    config: &str,
    param: &str,
    value: &str,
) -> Option<(String, String)> {
    Target::new(sdk)
        .build_rejection(config, param, value)
        .map(|r| (r.what, r.help))
}

/// Reads a repo config. `text` is the file's content (already decoded; the caller handles
/// unreadable or non-UTF-8 files) and `path` goes into every span. `sdk` is `None` when the SDK
/// version is unknown: then the file is checked against the newest schema, but a key or kind that
/// any version from 0.8 on accepts is not reported as unknown. SDK 0.7 had no repo config; its
/// files are checked against the 0.8 schema.
///
/// The config is `None` only when the text is not a YAML document PyYAML would load (TP102).
pub fn load(
    path: &Path,
    text: &str,
    sdk: Option<&SdkVersion>,
) -> (Option<RepoConfig>, Vec<Diagnostic>) {
    let doc = match yaml::parse(text) {
        Ok(doc) => doc,
        Err(e) => return (None, vec![parse_error(path, text, &e)]),
    };
    let mut diagnostics: Vec<Diagnostic> = doc
        .duplicates
        .iter()
        .map(|d| duplicate_key(path, d))
        .collect();
    let mut config = RepoConfig {
        path: path.to_path_buf(),
        sections: BTreeMap::new(),
        refused_defaults: Vec::new(),
    };
    let Some(root) = doc.root else {
        // An empty file, or one holding only comments: `{}`.
        return (Some(config), diagnostics);
    };
    match doc.value(root) {
        // Tecton reads a document that Python counts as false (None, `[]`, `0`, `no`, `""`) as
        // `{}`: `yaml.safe_load(file) or {}`.
        v if is_falsy(v) => return (Some(config), diagnostics),
        Value::Map(_) => {}
        _ => {
            let node = doc.node(root);
            let reads_as = match doc.value(root) {
                Value::Seq(_) => "a list".to_string(),
                Value::Set(_) => "a set".to_string(),
                _ => format!("the scalar `{}`", doc.source(text, root)),
            };
            diagnostics.push(
                Diagnostic::new(
                    "TP102",
                    format!(
                        "Failed to parse the repo config: the top level must be a mapping, but YAML reads it as {reads_as}"
                    ),
                )
                .at(Span::new(path, node.span.start, node.span.end))
                .with_span_label("not a mapping")
                .with_help("start the file with `defaults:` and indent the sections under it"),
            );
            return (None, diagnostics);
        }
    }

    let target = Target::new(sdk);
    let mut checker = Checker {
        text,
        doc: &doc,
        file: path,
        target: &target,
        diagnostics: Vec::new(),
        refused_defaults: Vec::new(),
    };
    checker.check_root(root);
    diagnostics.extend(checker.diagnostics);
    config.refused_defaults = checker.refused_defaults;
    config.sections = extract(path, text, &doc, root, &target);

    // The same node reached through two aliases or merges is reported once.
    let mut seen = std::collections::HashSet::new();
    diagnostics.retain(|d| {
        let at = d.span.as_ref().map(|s| (s.start(), s.end()));
        seen.insert((d.code, at))
    });
    diagnostics.sort_by_key(|d| (d.span.as_ref().map_or(0, |s| s.start()), d.code));
    (Some(config), diagnostics)
}

/// Whether Python's `bool()` is false for the value PyYAML builds.
fn is_falsy(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => true,
        Value::Int(i) => i.value == Some(0),
        Value::Float(f) => *f == 0.0,
        Value::Str(s) => s.is_empty(),
        Value::Seq(items) | Value::Set(items) => items.is_empty(),
        Value::Map(pairs) => pairs.is_empty(),
        _ => false,
    }
}

fn parse_error(path: &Path, text: &str, e: &yaml::YamlError) -> Diagnostic {
    let help = if e.message.contains("tabs") || e.message.contains("\t") {
        "indent with spaces: YAML does not allow tabs for indentation"
    } else if e.message.contains("single document") {
        "remove the `---` line and what follows it, or merge the documents: Tecton reads one YAML document"
    } else if e.message.contains("duplicate anchor") {
        "give each anchor (`&name`) a different name: PyYAML refuses to redefine one"
    } else if e.message.contains("quoted scalar") {
        "close the quoted string on the line it starts, or escape the quote inside it"
    } else if e.message.contains("nested more than") {
        "flatten the structure: Tecton's YAML reader cannot load collections nested this deep"
    } else if e.message.contains("unacceptable character") {
        "remove the control character: YAML files may hold only printable characters"
    } else if e.message.contains("constructor for the tag") {
        "remove the tag: Tecton loads the file with `yaml.safe_load`, which only knows YAML's standard tags"
    } else {
        "fix the YAML at the position shown; Tecton stops with \"Failed to parse the Tecton repo config ... Likely invalid YAML.\""
    };
    let start = floor_boundary(text, e.span.start);
    let end = floor_boundary(text, e.span.end).max(start);
    Diagnostic::new(
        "TP102",
        format!("Failed to parse the repo config: {}", e.message),
    )
    .at(Span::new(path, start, end))
    .with_span_label("here")
    .with_help(help)
}

/// `at`, moved back to a character boundary inside `text`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn duplicate_key(path: &Path, d: &yaml::Duplicate) -> Diagnostic {
    let place = if d.path.is_empty() {
        "at the top level".to_string()
    } else {
        format!("in `{}`", d.path)
    };
    Diagnostic::new(
        "TP106",
        format!(
            "duplicate key `{}` {place}: the last value wins, as PyYAML keeps it",
            d.key
        ),
    )
    .at(Span::new(path, d.second.start, d.second.end))
    .with_span_label("this value is the one Tecton uses")
    .with_label(
        Span::new(path, d.first.start, d.first.end),
        "first written here, and ignored",
    )
    .with_help(format!("remove one of the two `{}` keys", d.key))
}

fn extract(
    path: &Path,
    text: &str,
    doc: &Document,
    root: NodeId,
    target: &Target,
) -> BTreeMap<Section, SectionDefaults> {
    let mut sections = BTreeMap::new();
    let strict = target.strict();
    let get = |node: NodeId, name: &str| schema::get(doc, node, name, strict);
    let Some(defaults) = get(root, "defaults") else {
        return sections;
    };
    let span = |node: NodeId| {
        let r = &doc.node(node).span;
        Span::new(path, r.start, r.end)
    };
    let written = |node: NodeId| doc.source(text, node).to_string();
    for section in Section::ALL {
        let Some(node) = get(defaults, section.key()) else {
            continue;
        };
        if schema::entries(doc, node, strict).is_none() {
            continue;
        }
        let model = target.section_model(section.key());
        let field = |name: &str| model.and_then(|m| m.field(name));
        let string_value = |name: &str| -> Option<ConfigValue> {
            let node = get(node, name)?;
            let accepted = field(name).is_some();
            let numbers_convert = field(name).is_some_and(|f| f.numbers_to_string);
            let (value, valid) = match doc.value(node) {
                Value::Null | Value::Seq(_) | Value::Map(_) | Value::Set(_) => return None,
                Value::Str(s) => (s.clone(), accepted),
                // SDK 0.8.0 calls `str()` on numbers (and on booleans, which are ints to Python).
                Value::Int(i) if numbers_convert => (
                    i.value.map_or_else(|| i.digits.clone(), |v| v.to_string()),
                    accepted,
                ),
                Value::Float(f) if numbers_convert => (yaml::python_float_repr(*f), accepted),
                Value::Bool(b) if numbers_convert => {
                    ((if *b { "True" } else { "False" }).to_string(), accepted)
                }
                _ => (written(node), false),
            };
            Some(ConfigValue {
                value,
                span: span(node),
                valid,
            })
        };
        let compute_kind = |name: &str| -> Option<ConfigValue> {
            let kinds = match &field(name)?.ty {
                schema::Ty::Union(kinds) => kinds,
                _ => return None,
            };
            let kind = get(get(node, name)?, "kind")?;
            let (value, valid) = match doc.value(kind) {
                Value::Str(s) => (s.clone(), kinds.iter().any(|k| k == s)),
                Value::Null | Value::Seq(_) | Value::Map(_) | Value::Set(_) => return None,
                _ => (written(kind), false),
            };
            Some(ConfigValue {
                value,
                span: span(kind),
                valid,
            })
        };
        let defaults = match section {
            Section::BatchFeatureView | Section::StreamFeatureView | Section::FeatureTable => {
                SectionDefaults {
                    runtime: string_value("tecton_materialization_runtime"),
                    environment: string_value("environment"),
                    batch_compute: compute_kind("batch_compute"),
                    stream_compute: compute_kind("stream_compute"),
                }
            }
            Section::FeatureService | Section::StreamSource => SectionDefaults::default(),
        };
        sections.insert(section, defaults);
    }
    sections
}

/// One `key: value` entry of the repo config, anywhere in the document, for edits by the
/// migration rules: the dotted path of its mapping (`defaults.feature_service`), the key, and the
/// value's text when it is a scalar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub key: String,
    pub key_span: Span,
    pub value: Option<String>,
    pub value_span: Span,
}

/// Every entry of the repo config at `path` whose text is `text`, in document order; empty when the
/// text is not YAML. An entry reached through an alias is listed once, at its anchor.
pub fn entries(path: &Path, text: &str) -> Vec<Entry> {
    let Ok(doc) = yaml::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    if let Some(root) = doc.root {
        collect_entries(&doc, text, path, root, "", &mut out, &mut seen);
    }
    out.sort_by_key(|e| e.key_span.start());
    out
}

fn collect_entries(
    doc: &Document,
    text: &str,
    path: &Path,
    node: NodeId,
    at: &str,
    out: &mut Vec<Entry>,
    seen: &mut std::collections::HashSet<NodeId>,
) {
    if !seen.insert(node) {
        return;
    }
    match doc.value(node) {
        Value::Map(pairs) => {
            for (key, value) in pairs {
                let key_text = doc.key_text(text, *key);
                let key_range = doc.node(*key).span.clone();
                let value_range = doc.node(*value).span.clone();
                let scalar = match doc.value(*value) {
                    Value::Map(_) | Value::Seq(_) | Value::Set(_) => None,
                    Value::Str(s) => Some(s.clone()),
                    _ => Some(doc.source(text, *value).to_string()),
                };
                out.push(Entry {
                    path: at.to_string(),
                    key: key_text.clone(),
                    key_span: Span::new(path, key_range.start, key_range.end),
                    value: scalar,
                    value_span: Span::new(path, value_range.start, value_range.end),
                });
                let inner = if at.is_empty() {
                    key_text
                } else {
                    format!("{at}.{key_text}")
                };
                collect_entries(doc, text, path, *value, &inner, out, seen);
            }
        }
        Value::Seq(items) => {
            for item in items {
                collect_entries(doc, text, path, *item, at, out, seen);
            }
        }
        _ => {}
    }
}
