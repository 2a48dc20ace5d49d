//! ## TP307: the native 1.0 rewrite, before `tecton.v09_compat` goes in 1.1 (upgrade)
//!
//! Fix: mechanical where the repository states the values (the `schema=` of a view, the join keys
//! of an entity); a person for the rest.
//!
//! ### What it does
//! SDK 1.1 removes `tecton.v09_compat`. In step 1 of the hop 1.0 -> 1.1, on SDK 1.0 (which accepts
//! both APIs), every object built from `tecton.v09_compat` moves to the native 1.0 API with the
//! same meaning, so that the apply updates each object in place:
//! - `from tecton.v09_compat import X` becomes `from tecton import X`, with the renames
//!   (`on_demand_feature_view` -> `realtime_feature_view`, `OnDemandFeatureView` ->
//!   `RealtimeFeatureView`, `Aggregation` -> `Aggregate`, `PushSource(...)` ->
//!   `StreamSource(..., stream_config=PushConfig())`; `FilteredSource` goes) and the new names the
//!   rewrite writes (`Attribute`, `Aggregate`, `AggregationLeadingEdge`, `TectonTimeConstant`,
//!   `from tecton.types import Field, ...`); `tecton.v09_compat.X` and `v09.X` (after
//!   `import tecton.v09_compat [as v09]`) become `X`, and the statement goes (`import tecton`
//!   stays while the file reads other names through it);
//! - `Entity(join_keys=["user_id"])` becomes `join_keys=[Field("user_id", String)]`, the type read
//!   from the `schema=` of the views and tables that use the entity;
//! - a batch or stream view's `schema=[Field(...)]` becomes `features=[Attribute(...)]` without
//!   the join-key and timestamp columns, and `timestamp_field=` is written from the single
//!   `Timestamp` column when it is not given; a feature table likewise; an on-demand view's schema
//!   becomes its features, every column;
//! - `aggregations=[Aggregation(column=c, function=f, time_window=w)]` becomes
//!   `features=[Aggregate(input_column=Field(c, T), function=f, time_window=w)]`, `T` read from
//!   the view's `schema=`;
//! - `FilteredSource(ds)` becomes `ds` (on a batch view over a stream source,
//!   `ds.select_range(MATERIALIZATION_START_TIME, MATERIALIZATION_END_TIME)`), with a
//!   `start_time_offset=o` it becomes `ds.select_range(start_time=MATERIALIZATION_START_TIME + o,
//!   ...)`, and a bare `ds`, unfiltered in the 0.9 API, becomes `ds.unfiltered()`;
//! - every stream view gets `aggregation_leading_edge=AggregationLeadingEdge.LATEST_EVENT_TIME`
//!   unless it sets one (Tecton's guide: a stream view applied before 1.0 must; the field updates
//!   in place).
//!
//! `context=materialization_context()` is left as it is: rewriting it changes the pipeline, which
//! Tecton blocks during an SDK upgrade. A value the repository does not state (a column type
//! without `schema=`, a join key no view types, views that disagree) needs a person, with the
//! choices.
//!
//! ### Why is this bad?
//! `ModuleNotFoundError: No module named 'tecton.v09_compat'` on SDK 1.1: nothing imports. The
//! native API changes two meanings silently (a bare source becomes filtered, stream views default
//! to `WALL_CLOCK_TIME`), which makes the apply a recreate, and Tecton blocks a recreate together
//! with an SDK upgrade.
//!
//! ### Example
//! ```python
//! from tecton.v09_compat import Aggregation, FilteredSource, batch_feature_view
//!
//! @batch_feature_view(
//!     sources=[FilteredSource(transactions)],
//!     entities=[user],
//!     schema=[Field("user_id", String), Field("amount", Float64), Field("ts", Timestamp)],
//!     aggregations=[Aggregation(column="amount", function="sum", time_window=timedelta(days=7))],
//!     ...
//! )
//! ```
//!
//! ### Use instead
//! ```python
//! from tecton import Aggregate, batch_feature_view
//!
//! @batch_feature_view(
//!     sources=[transactions],
//!     entities=[user],
//!     features=[Aggregate(input_column=Field("amount", Float64), function="sum", time_window=timedelta(days=7))],
//!     timestamp_field="ts",
//!     ...
//! )
//! ```

use std::collections::HashMap;
use std::path::PathBuf;

use crate::diagnostic::Span;
use crate::fix::Edit;
use crate::model::{Kind, TectonObject};
use crate::python::syntax::{Arg, CallTree, ImportedName, KeywordArg, Value};
use crate::sdk::api::Import;
use crate::upgrade::{Change, HopInput, Phase, PythonFile};

pub const CHECK: Option<super::Check> = None;

const CODE: &str = "TP307";
const COMPAT: &str = "tecton.v09_compat";
const LEADING_EDGE: &str = "AggregationLeadingEdge.LATEST_EVENT_TIME";
/// The parameters of the 0.9 `Aggregation`, in order (`Aggregate` takes the same but the column).
const AGGREGATION_PARAMETERS: [&str; 6] = [
    "column",
    "function",
    "time_window",
    "name",
    "description",
    "tags",
];
/// `MIN_START_OFFSET` of the 0.9 API: an offset at or below 100 years back means "unbounded".
const UNBOUNDED_SECONDS: i64 = 100 * 365 * 24 * 3600;

pub(crate) fn migrate(input: &HopInput<'_>, out: &mut Vec<Change>) {
    let (Some(old), Some(new)) = (input.old_api, input.new_api) else {
        return;
    };
    if old.import(COMPAT, None) != Import::Ok || new.import(COMPAT, None) != Import::NoModule {
        return;
    }
    let uses_compat = input.files.iter().any(|f| {
        f.syntax.names.iter().any(|n| in_compat(&n.qualified))
            || f.syntax.imports.iter().any(|i| {
                i.level == 0
                    && (i.module.starts_with(COMPAT)
                        || i.module == "tecton" && i.names.iter().any(|n| n.name == "v09_compat"))
            })
            || f.syntax
                .module_imports
                .iter()
                .any(|i| i.names.iter().any(|n| in_compat(&n.name)))
    });
    if !uses_compat {
        return;
    }
    // What step 1 leaves (nothing, when it is applied as written) stops the bump.
    for file in input.files {
        for import in &file.syntax.imports {
            if import.level == 0 && import.module.starts_with(COMPAT) {
                out.push(Change::human(
                    CODE,
                    Phase::Bump,
                    import.span.clone(),
                    format!("SDK {} removes `tecton.v09_compat`", input.hop.to),
                    "move these objects to the 1.0 API on SDK 1.0 first (step 1 of this hop)"
                        .into(),
                ));
            }
        }
        for import in &file.syntax.module_imports {
            for name in import.names.iter().filter(|n| in_compat(&n.name)) {
                out.push(Change::human(
                    CODE,
                    Phase::Bump,
                    name.span.clone(),
                    format!("SDK {} removes `tecton.v09_compat`", input.hop.to),
                    "move these objects to the 1.0 API on SDK 1.0 first (step 1 of this hop)"
                        .into(),
                ));
            }
        }
    }
    let repo = Repo::new(input);
    let entity_types = repo.entity_types();
    for (index, file) in input.files.iter().enumerate() {
        let mut rewrite = FileRewrite::new(file);
        for tree in &file.syntax.call_trees {
            let Some(name) = tree.callee.strip_prefix("tecton.v09_compat.") else {
                continue;
            };
            let object = repo.object_at(file, tree);
            let label = object
                .and_then(|o| o.name.clone())
                .map_or_else(|| name.to_string(), |n| format!("`{n}`"));
            let result = match name {
                "Entity" => rewrite.entity(tree, object, &entity_types),
                "batch_feature_view" | "BatchFeatureView" => {
                    rewrite.view(&repo, index, tree, object, ViewKind::Batch)
                }
                "stream_feature_view" | "StreamFeatureView" => {
                    rewrite.view(&repo, index, tree, object, ViewKind::Stream)
                }
                "FeatureTable" => rewrite.view(&repo, index, tree, object, ViewKind::Table),
                "on_demand_feature_view" | "OnDemandFeatureView" => {
                    rewrite.view(&repo, index, tree, object, ViewKind::Realtime)
                }
                "PushSource" => rewrite.push_source(tree),
                _ => Ok(Vec::new()),
            };
            let message = format!("{label} moves from `tecton.v09_compat` to the 1.0 API");
            let span = Span::new(&file.path, tree.span.start(), tree.span.start());
            match result {
                Ok(edits) if edits.is_empty() => {}
                Ok(edits) => {
                    rewrite
                        .covered
                        .extend(edits.iter().map(|e| (e.start, e.end)));
                    out.push(Change::edit(CODE, Phase::OldSdk, span, message, edits));
                }
                Err(why) => {
                    // What the view holds is for the person to rewrite with it.
                    rewrite.covered.push((tree.span.start(), tree.span.end()));
                    out.push(Change::human(CODE, Phase::OldSdk, span, message, why))
                }
            }
        }
        rewrite.names_and_imports(new, out);
    }
}

fn in_compat(qualified: &str) -> bool {
    qualified == COMPAT || qualified.starts_with("tecton.v09_compat.")
}

/// The native name of a `tecton.v09_compat` name, and the other names its rewrite writes.
fn native_name(name: &str) -> Option<&str> {
    Some(match name {
        "on_demand_feature_view" => "realtime_feature_view",
        "OnDemandFeatureView" => "RealtimeFeatureView",
        "Aggregation" => "Aggregate",
        "PushSource" => "StreamSource",
        "FilteredSource" => return None,
        other => other,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ViewKind {
    Batch,
    Stream,
    Table,
    Realtime,
}

/// What a source name refers to, read from the call that built it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SourceKind {
    Batch,
    Stream,
    /// A push source without a batch config: Tecton reads it unfiltered already.
    PushOnly,
}

/// The repository as the rewrite needs it: the objects by the call that builds them, and the
/// module-level names of every file.
struct Repo<'a> {
    input: &'a HopInput<'a>,
    objects: HashMap<(PathBuf, usize), &'a TectonObject>,
    /// Decorated views are shown from `@` to the end of the callee: found by that end.
    decorated: HashMap<(PathBuf, usize), &'a TectonObject>,
}

impl<'a> Repo<'a> {
    fn new(input: &'a HopInput<'a>) -> Self {
        let objects = input
            .objects
            .iter()
            .filter(|o| o.kind != Kind::Transformation)
            .map(|o| ((o.span.file.to_path_buf(), o.span.start()), o))
            .collect();
        let decorated = input
            .objects
            .iter()
            .filter(|o| o.kind != Kind::Transformation)
            .map(|o| ((o.span.file.to_path_buf(), o.span.end()), o))
            .collect();
        Repo {
            input,
            objects,
            decorated,
        }
    }

    fn object_at(&self, file: &PythonFile, tree: &CallTree) -> Option<&'a TectonObject> {
        let key = |at: usize| (file.path.clone(), at);
        self.objects
            .get(&key(tree.span.start()))
            .or_else(|| {
                self.decorated
                    .get(&key(tree.func_span.end()))
                    .filter(|o| o.span.start() + 1 == tree.span.start())
            })
            .copied()
    }

    /// The call a module-level name was built with: `qualified` is a name of `from`'s file or
    /// `module.name` through its imports.
    fn resolve(&self, from: usize, qualified: &str) -> Option<(usize, &'a CallTree)> {
        let find = |index: usize, name: &str| {
            self.input.files[index]
                .syntax
                .call_trees
                .iter()
                .find(|t| t.assigned_to.as_deref() == Some(name))
                .map(|t| (index, t))
        };
        let Some((module, name)) = qualified.rsplit_once('.') else {
            return find(from, qualified);
        };
        let rel = module.replace('.', "/");
        // The root comes first on `sys.path`: of the files whose path ends as the module's, the
        // shortest is the one Python imports.
        let (index, _) = self
            .input
            .files
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                let path = f.path.to_string_lossy().replace('\\', "/");
                path.ends_with(&format!("/{rel}.py"))
                    || path.ends_with(&format!("/{rel}/__init__.py"))
            })
            .min_by_key(|(_, f)| f.path.as_os_str().len())?;
        find(index, name)
    }

    fn source_kind(&self, from: usize, qualified: &str) -> Option<SourceKind> {
        let (_, tree) = self.resolve(from, qualified)?;
        let name = tree.callee.rsplit('.').next()?;
        match name {
            "BatchSource" => Some(SourceKind::Batch),
            "StreamSource" => Some(SourceKind::Stream),
            "PushSource" if keyword(tree, "batch_config").is_some() => Some(SourceKind::Stream),
            "PushSource" => Some(SourceKind::PushOnly),
            _ => None,
        }
    }

    /// The entities of the repository by name: their join keys, each with the types the views and
    /// tables that use the entity give that column.
    fn entity_types(&self) -> HashMap<String, Vec<(String, Vec<FieldType>)>> {
        let mut entities: HashMap<String, Vec<(String, Vec<FieldType>)>> = HashMap::new();
        for file in self.input.files {
            for tree in &file.syntax.call_trees {
                if !tree.callee.ends_with(".Entity") {
                    continue;
                }
                let Some(object) = self.object_at(file, tree) else {
                    continue;
                };
                let (Some(name), Some(keys)) = (&object.name, join_keys(tree)) else {
                    continue;
                };
                entities.insert(
                    name.clone(),
                    keys.iter().map(|(k, _)| (k.clone(), Vec::new())).collect(),
                );
            }
        }
        for file in self.input.files {
            for tree in &file.syntax.call_trees {
                let Some(Ok(fields)) = keyword(tree, "schema").map(|k| schema(file, &k.value))
                else {
                    continue;
                };
                let Some(object) = self.object_at(file, tree) else {
                    continue;
                };
                for (kind, entity) in &object.refs {
                    let Some(keys) = (*kind == Kind::Entity)
                        .then(|| entities.get_mut(entity))
                        .flatten()
                    else {
                        continue;
                    };
                    for (key, types) in keys.iter_mut() {
                        if let Some(field) = fields.iter().find(|f| f.name == *key) {
                            if !types.iter().any(|t| t.qualified == field.dtype.qualified) {
                                types.push(field.dtype.clone());
                            }
                        }
                    }
                }
            }
        }
        entities
    }
}

/// A column type as written in a schema, and what it resolves to.
#[derive(Clone, Debug)]
struct FieldType {
    text: String,
    /// `tecton.types.String`, or `None` for a type that is not a plain name (`Array(Int64)`).
    qualified: Option<String>,
}

/// One `Field("name", Type)` of a `schema=` list.
struct SchemaField {
    name: String,
    /// The name's literal as written (its quotes kept).
    name_text: String,
    dtype: FieldType,
}

fn keyword<'t>(tree: &'t CallTree, name: &str) -> Option<&'t KeywordArg> {
    tree.keywords.iter().find(|k| k.name == name)
}

fn text<'f>(file: &'f PythonFile, span: &Span) -> &'f str {
    file.text.get(span.start()..span.end()).unwrap_or("")
}

/// The join keys of an `Entity` call: each name with its literal's place.
fn join_keys(tree: &CallTree) -> Option<Vec<(String, Span)>> {
    let value = &keyword(tree, "join_keys")?.value;
    match &value.value {
        Value::Str(s) => Some(vec![(s.clone(), value.span.clone())]),
        Value::List(items) => items
            .iter()
            .map(|a| match &a.value {
                Value::Str(s) => Some((s.clone(), a.span.clone())),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// The fields of a `schema=[Field(...), ...]` list, or why it cannot be read.
fn schema(file: &PythonFile, value: &Arg) -> Result<Vec<SchemaField>, String> {
    let Value::List(items) = &value.value else {
        return Err("its `schema=` is not a list written in place".into());
    };
    items
        .iter()
        .map(|item| {
            let Value::Call(call) = &item.value else {
                return Err(format!(
                    "`{}` is not a `Field(...)`",
                    text(file, &item.span)
                ));
            };
            let name = call
                .args
                .first()
                .or_else(|| keyword(call, "name").map(|k| &k.value));
            let dtype = call
                .args
                .get(1)
                .or_else(|| keyword(call, "dtype").map(|k| &k.value));
            match (call.callee.ends_with("Field"), name, dtype) {
                (
                    true,
                    Some(
                        name @ Arg {
                            value: Value::Str(n),
                            ..
                        },
                    ),
                    Some(dtype),
                ) if !call.spread => Ok(SchemaField {
                    name: n.clone(),
                    name_text: text(file, &name.span).to_string(),
                    dtype: FieldType {
                        text: text(file, &dtype.span).to_string(),
                        qualified: match &dtype.value {
                            Value::Name(q) => Some(q.clone()),
                            _ => None,
                        },
                    },
                }),
                _ => Err(format!(
                    "`{}` is not a `Field(\"name\", Type)`",
                    text(file, &item.span)
                )),
            }
        })
        .collect()
}

/// A list's text with new items, laid out as the original was (one line, or one item a line).
fn render_list(file: &PythonFile, list: &Span, items: &[String]) -> String {
    let original = text(file, list);
    if !original.contains('\n') {
        return format!("[{}]", items.join(", "));
    }
    let indent: String = original
        .split('\n')
        .nth(1)
        .map(|l| l.chars().take_while(|c| *c == ' ' || *c == '\t').collect())
        .unwrap_or_default();
    let close: String = original
        .rsplit('\n')
        .next()
        .map(|l| l.chars().take_while(|c| *c == ' ' || *c == '\t').collect())
        .unwrap_or_default();
    let mut out = String::from("[\n");
    for item in items {
        out.push_str(&format!("{indent}{item},\n"));
    }
    out.push_str(&close);
    out.push(']');
    out
}

/// The edits of one file, and the names its rewritten text uses.
struct FileRewrite<'f> {
    file: &'f PythonFile,
    /// Names the rewritten code takes from `tecton` and from `tecton.types`.
    tecton: Vec<String>,
    types: Vec<String>,
    /// Ranges already edited: a name inside one is rewritten with it.
    covered: Vec<(usize, usize)>,
}

impl<'f> FileRewrite<'f> {
    fn new(file: &'f PythonFile) -> Self {
        FileRewrite {
            file,
            tecton: Vec::new(),
            types: Vec::new(),
            covered: Vec::new(),
        }
    }

    fn need(list: &mut Vec<String>, name: &str) {
        if !list.iter().any(|n| n == name) {
            list.push(name.to_string());
        }
    }

    fn edit(&self, start: usize, end: usize, text: impl Into<String>) -> Edit {
        Edit::new(&self.file.path, start, end, text)
    }

    /// The edits that add `keywords` (`name=value`) after a call's last argument, in its layout.
    fn add_keywords(&self, tree: &CallTree, keywords: &[String]) -> Option<Edit> {
        if keywords.is_empty() {
            return None;
        }
        let last = tree
            .args
            .iter()
            .map(|a| (a.span.start(), a.span.end()))
            .chain(
                tree.keywords
                    .iter()
                    .map(|k| (k.name_span.start(), k.value.span.end())),
            )
            .max_by_key(|(_, end)| *end);
        let Some((start, end)) = last else {
            let at = tree.span.end().saturating_sub(1);
            return Some(self.edit(at, at, keywords.join(", ")));
        };
        let line_start = self.file.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let before = &self.file.text[line_start..start];
        let text = if before.trim().is_empty()
            && self.file.text[tree.span.start()..start].contains('\n')
        {
            keywords
                .iter()
                .map(|k| format!(",\n{before}{k}"))
                .collect::<String>()
        } else {
            keywords.iter().map(|k| format!(", {k}")).collect()
        };
        Some(self.edit(end, end, text))
    }

    /// The edit that removes one keyword argument with its separator.
    fn remove_keyword(&self, tree: &CallTree, name: &str) -> Option<Edit> {
        let kw = keyword(tree, name)?;
        let mut ranges: Vec<(usize, usize)> = tree
            .args
            .iter()
            .map(|a| (a.span.start(), a.span.end()))
            .chain(
                tree.keywords
                    .iter()
                    .map(|k| (k.name_span.start(), k.value.span.end())),
            )
            .collect();
        ranges.sort();
        let at = ranges.iter().position(|r| r.0 == kw.name_span.start())?;
        let (start, end) = ranges[at];
        Some(
            match (ranges.get(at + 1), at.checked_sub(1).map(|i| ranges[i])) {
                (Some(next), _) => self.edit(start, next.0, ""),
                (None, Some(prev)) => self.edit(prev.1, end, ""),
                (None, None) => self.edit(start, end, ""),
            },
        )
    }

    fn entity(
        &mut self,
        tree: &CallTree,
        object: Option<&TectonObject>,
        types: &HashMap<String, Vec<(String, Vec<FieldType>)>>,
    ) -> Result<Vec<Edit>, String> {
        let Some(kw) = keyword(tree, "join_keys") else {
            return Ok(Vec::new());
        };
        let keys = join_keys(tree).ok_or_else(|| {
            "its `join_keys=` is not a list of string literals: write `join_keys=[Field(\"key\", Type)]` by hand".to_string()
        })?;
        let name = object.and_then(|o| o.name.clone()).unwrap_or_default();
        let known = types.get(&name);
        let mut fields = Vec::new();
        for (key, span) in &keys {
            let found = known
                .and_then(|k| k.iter().find(|(k, _)| k == key))
                .map(|(_, t)| t.as_slice())
                .unwrap_or(&[]);
            let literal = text(self.file, span);
            let dtype = match found {
                [one] => match one.qualified.as_deref().and_then(|q| q.strip_prefix("tecton.types.")) {
                    Some(bare) if !bare.contains('.') => bare.to_string(),
                    _ => return Err(format!("the type of join key `{key}` is written `{}`: write `Field({literal}, {})` by hand", one.text, one.text)),
                },
                [] => return Err(format!("no view or table that uses this entity types its join key `{key}` in `schema=`: write `join_keys=[Field({literal}, <type>)]` with the column's type (String, Int64, ...)")),
                many => return Err(format!("the views that use this entity type `{key}` differently ({}): typed join keys that differ from a view's column recreate it; split the entity on 0.9 (Tecton's guide) or choose the type", many.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join(", "))),
            };
            Self::need(&mut self.types, "Field");
            Self::need(&mut self.types, &dtype);
            fields.push(format!("Field({literal}, {dtype})"));
        }
        let value = &kw.value;
        Ok(match &value.value {
            Value::Str(_) => vec![self.edit(
                value.span.start(),
                value.span.end(),
                format!("[{}]", fields.join(", ")),
            )],
            _ => keys
                .iter()
                .zip(fields)
                .map(|((_, span), field)| self.edit(span.start(), span.end(), field))
                .collect(),
        })
    }

    fn push_source(&mut self, tree: &CallTree) -> Result<Vec<Edit>, String> {
        if keyword(tree, "stream_config").is_some() {
            return Err(
                "a push source with `stream_config=`: rewrite it as a `StreamSource` by hand"
                    .into(),
            );
        }
        Self::need(&mut self.tecton, "StreamSource");
        Self::need(&mut self.tecton, "PushConfig");
        Ok(self
            .add_keywords(tree, &["stream_config=PushConfig()".to_string()])
            .into_iter()
            .collect())
    }

    fn view(
        &mut self,
        repo: &Repo<'_>,
        index: usize,
        tree: &CallTree,
        object: Option<&TectonObject>,
        kind: ViewKind,
    ) -> Result<Vec<Edit>, String> {
        if tree.spread {
            return Err("the call spreads `**kwargs`: its arguments cannot be read".into());
        }
        let mut edits = Vec::new();
        let mut added = Vec::new();
        let schema_kw = keyword(tree, "schema");
        let fields = match schema_kw {
            Some(kw) => Some(schema(self.file, &kw.value)?),
            None => None,
        };
        // The columns that are not features: the entities' join keys and the timestamp.
        let mut keys: Vec<String> = Vec::new();
        if kind != ViewKind::Realtime {
            for (ref_kind, entity) in object.map(|o| o.refs.as_slice()).unwrap_or(&[]) {
                if *ref_kind != Kind::Entity {
                    continue;
                }
                let found = repo.input.files.iter().find_map(|f| {
                    f.syntax.call_trees.iter().find_map(|t| {
                        let o = repo.object_at(f, t)?;
                        (o.kind == Kind::Entity && o.name.as_deref() == Some(entity)).then_some(t)
                    })
                });
                if let Some(t) = found {
                    if let Some(found) = keyword(t, "join_keys") {
                        match &found.value.value {
                            Value::Str(s) => keys.push(s.clone()),
                            Value::List(items) => {
                                for item in items {
                                    match &item.value {
                                        Value::Str(s) => keys.push(s.clone()),
                                        // A native entity: `Field("k", T)`.
                                        Value::Call(c) => match c.args.first().map(|a| &a.value) {
                                            Some(Value::Str(s)) => keys.push(s.clone()),
                                            _ => {
                                                return Err(format!(
                                                "the join keys of entity `{entity}` cannot be read"
                                            ))
                                            }
                                        },
                                        _ => {
                                            return Err(format!(
                                                "the join keys of entity `{entity}` cannot be read"
                                            ))
                                        }
                                    }
                                }
                            }
                            _ => {
                                return Err(format!(
                                    "the join keys of entity `{entity}` cannot be read"
                                ))
                            }
                        }
                    }
                } else if fields.is_some() {
                    return Err(format!("entity `{entity}` is not found: its join keys cannot be left out of `features=`"));
                }
            }
        }
        let aggregates = keyword(tree, "aggregations").is_some();
        let timestamp = match keyword(tree, "timestamp_field").map(|k| &k.value.value) {
            Some(Value::Str(s)) => Some(s.clone()),
            // Its value matters only to leave the column out of `features=`.
            Some(_) if aggregates || kind == ViewKind::Realtime => Some(String::new()),
            Some(_) => {
                return Err(
                    "`timestamp_field=` is not a string literal: the column it names cannot be left out of `features=`".into(),
                )
            }
            None => None,
        };
        let mut timestamp_from_schema = None;
        if kind != ViewKind::Realtime && timestamp.is_none() {
            if let Some(fields) = &fields {
                let stamps: Vec<&SchemaField> = fields
                    .iter()
                    .filter(|f| f.dtype.qualified.as_deref() == Some("tecton.types.Timestamp"))
                    .collect();
                match stamps.as_slice() {
                    [one] => timestamp_from_schema = Some(*one),
                    [] => return Err("`schema=` has no `Timestamp` column: write `timestamp_field=` (required in the 1.0 API)".into()),
                    _ => return Err(format!("`schema=` has {} `Timestamp` columns: write `timestamp_field=` with the one Tecton uses", stamps.len())),
                }
            }
        }
        let timestamp_name = timestamp
            .clone()
            .or_else(|| timestamp_from_schema.map(|f| f.name.clone()));
        if let Some(kw) = keyword(tree, "aggregations") {
            let Value::List(items) = &kw.value.value else {
                return Err("`aggregations=` is not a list written in place".into());
            };
            let Some(fields) = &fields else {
                let columns: Vec<String> = items
                    .iter()
                    .filter_map(|i| match &i.value {
                        Value::Call(c) => {
                            keyword(c, "column").map(|k| text(self.file, &k.value.span).to_string())
                        }
                        _ => None,
                    })
                    .fold(Vec::new(), |mut all, c| {
                        if !all.contains(&c) {
                            all.push(c);
                        }
                        all
                    });
                return Err(format!(
                    "the 1.0 API needs each aggregated column's type (`Aggregate(input_column=Field({}, <type>), ...)`) and `timestamp_field=`, and this view has no `schema=` that states them: add `schema=[Field(...), ...]` with the view's output columns, or write `features=[Aggregate(...)]` and `timestamp_field=` by hand",
                    columns.join(", ")
                ));
            };
            for item in items {
                let Value::Call(call) = &item.value else {
                    return Err(format!(
                        "`{}` is not an `Aggregation(...)` call",
                        text(self.file, &item.span)
                    ));
                };
                if !call.callee.ends_with("Aggregation") || call.spread || call.args.len() > 6 {
                    return Err(format!(
                        "`{}` is not an `Aggregation(column=..., function=..., time_window=...)`",
                        text(self.file, &item.span)
                    ));
                }
                // Positional arguments in the 0.9 order, written as keywords (`Aggregate` orders
                // its parameters differently).
                let arguments = AGGREGATION_PARAMETERS
                    .iter()
                    .zip(&call.args)
                    .map(|(name, arg)| (*name, arg))
                    .chain(call.keywords.iter().map(|k| (k.name.as_str(), &k.value)));
                let mut column = None;
                let mut parts = Vec::new();
                for (name, arg) in arguments {
                    let value = text(self.file, &arg.span);
                    match (name, &arg.value) {
                        ("column", Value::Str(c)) => column = Some((c.clone(), value)),
                        ("function", Value::Str(f)) if f.contains('(') => {
                            return Err(format!("`function={value}` is not a function name: write `tecton.aggregation_functions.{f}`"));
                        }
                        ("function" | "time_window" | "name" | "description" | "tags", _) => {
                            parts.push(format!("{name}={value}"));
                        }
                        _ => {
                            return Err(format!(
                                "`{name}={value}` in `Aggregation(...)` has no mechanical 1.0 form"
                            ))
                        }
                    }
                }
                let Some((column, column_text)) = column else {
                    return Err(format!(
                        "`{}` has no literal `column=`",
                        text(self.file, &item.span)
                    ));
                };
                let Some(field) = fields.iter().find(|f| f.name == column) else {
                    return Err(format!("column `{column}` is not in `schema=`: its type for `Aggregate(input_column=Field(...))` is unknown"));
                };
                Self::need(&mut self.types, "Field");
                Self::need(&mut self.tecton, "Aggregate");
                edits.push(self.edit(
                    item.span.start(),
                    item.span.end(),
                    format!(
                        "Aggregate(input_column=Field({column_text}, {}), {})",
                        field.dtype.text,
                        parts.join(", ")
                    ),
                ));
            }
            edits.push(self.edit(kw.name_span.start(), kw.name_span.end(), "features"));
            if schema_kw.is_some() {
                edits.extend(self.remove_keyword(tree, "schema"));
            }
        } else if let (Some(kw), Some(fields)) = (schema_kw, &fields) {
            let features: Vec<String> = fields
                .iter()
                .filter(|f| {
                    kind == ViewKind::Realtime
                        || !(keys.contains(&f.name) || Some(&f.name) == timestamp_name.as_ref())
                })
                .map(|f| format!("Attribute({}, {})", f.name_text, f.dtype.text))
                .collect();
            if features.is_empty() {
                return Err("`schema=` holds only join keys and the timestamp: the 1.0 API needs at least one feature".into());
            }
            Self::need(&mut self.tecton, "Attribute");
            edits.push(self.edit(kw.name_span.start(), kw.name_span.end(), "features"));
            edits.push(self.edit(
                kw.value.span.start(),
                kw.value.span.end(),
                render_list(self.file, &kw.value.span, &features),
            ));
        } else {
            return Err("the 1.0 API needs `features=` and this view has no `schema=` that states its columns: add `schema=[Field(...), ...]`, or write `features=[Attribute(...)]` and `timestamp_field=` by hand".into());
        }
        // Tecton's guide: every stream view that exists before 1.0 keeps the event-time leading
        // edge; the native default (`WALL_CLOCK_TIME`) is refused for them. The field updates in
        // place.
        if kind == ViewKind::Stream && keyword(tree, "aggregation_leading_edge").is_none() {
            Self::need(&mut self.tecton, "AggregationLeadingEdge");
            added.push(format!("aggregation_leading_edge={LEADING_EDGE}"));
        }
        if let Some(field) = timestamp_from_schema {
            if kind != ViewKind::Realtime {
                added.insert(0, format!("timestamp_field={}", field.name_text));
            }
        }
        match kind {
            ViewKind::Batch => {
                if let Some(kw) = keyword(tree, "sources") {
                    let Value::List(items) = &kw.value.value else {
                        return Err("`sources=` is not a list written in place".into());
                    };
                    for item in items {
                        edits.extend(self.source(repo, index, item, true)?);
                    }
                }
            }
            ViewKind::Stream => {
                if let Some(kw) = keyword(tree, "source") {
                    edits.extend(self.source(repo, index, &kw.value, false)?);
                }
            }
            _ => {}
        }
        edits.extend(self.add_keywords(tree, &added));
        Ok(edits)
    }

    /// The edit of one source of a view: `FilteredSource(ds)` and a bare `ds` as the 1.0 API
    /// writes them with the meaning they had.
    fn source(
        &mut self,
        repo: &Repo<'_>,
        index: usize,
        item: &Arg,
        batch_view: bool,
    ) -> Result<Option<Edit>, String> {
        let written = text(self.file, &item.span);
        match &item.value {
            Value::Name(name) => {
                match repo.source_kind(index, name) {
                    Some(SourceKind::PushOnly) => Ok(None),
                    Some(_) => Ok(Some(self.edit(item.span.end(), item.span.end(), ".unfiltered()"))),
                    None => Err(format!("source `{written}` is not found: in the 1.0 API a bare source is filtered to the materialization window; write `{written}.unfiltered()` if it is a data source")),
                }
            }
            Value::Call(call) if call.callee == "tecton.v09_compat.FilteredSource" => {
                let inner = call
                    .args
                    .first()
                    .or_else(|| keyword(call, "source").map(|k| &k.value));
                let Some(Arg { value: Value::Name(name), span }) = inner else {
                    return Err(format!("`{written}`: the filtered source is not a name"));
                };
                let ds = text(self.file, span);
                let offset = call
                    .args
                    .get(1)
                    .or_else(|| keyword(call, "start_time_offset").map(|k| &k.value));
                if call.args.len() > 2
                    || call.spread
                    || call
                        .keywords
                        .iter()
                        .any(|k| !matches!(k.name.as_str(), "source" | "start_time_offset"))
                {
                    return Err(format!("`{written}` has arguments with no mechanical 1.0 form"));
                }
                let kind = repo.source_kind(index, name);
                if kind.is_none() {
                    return Err(format!("source `{ds}` is not found: whether it is a batch or a stream source decides its 1.0 form"));
                }
                let start = "TectonTimeConstant.MATERIALIZATION_START_TIME";
                let end = "end_time=TectonTimeConstant.MATERIALIZATION_END_TIME";
                let replacement = match offset {
                    None if !batch_view || kind == Some(SourceKind::Batch) => ds.to_string(),
                    None => format!("{ds}.select_range(start_time={start}, {end})"),
                    Some(offset) => {
                        let o = text(self.file, &offset.span);
                        match timedelta_seconds(&offset.value) {
                            Some(s) if s <= -UNBOUNDED_SECONDS => format!(
                                "{ds}.select_range(start_time=TectonTimeConstant.UNBOUNDED_PAST, {end})"
                            ),
                            Some(_) => format!("{ds}.select_range(start_time={start} + {o}, {end})"),
                            None => return Err(format!("`start_time_offset={o}` is not a `timedelta(...)` of literal numbers: at 100 years back or more it means unbounded; write `{ds}.select_range(...)` by hand")),
                        }
                    }
                };
                if replacement.contains("TectonTimeConstant") {
                    Self::need(&mut self.tecton, "TectonTimeConstant");
                }
                Ok(Some(self.edit(item.span.start(), item.span.end(), replacement)))
            }
            _ => Ok(None),
        }
    }

    /// The renames of names from `tecton.v09_compat` and the new import lines.
    fn names_and_imports(&mut self, new: &crate::sdk::api::SdkApi, out: &mut Vec<Change>) {
        let file = self.file;
        let mut edits = Vec::new();
        let mut problems = Vec::new();
        // The names each statement imports from the compatibility module: (name, asname).
        let mut imported: Vec<(String, Option<String>)> = Vec::new();
        for import in &file.syntax.imports {
            if import.level == 0 && import.module == COMPAT {
                for n in &import.names {
                    imported.push((n.name.clone(), n.asname.clone()));
                }
            } else if import.level == 0 && import.module.starts_with("tecton.v09_compat.") {
                problems.push(format!(
                    "`from {} import ...` has no 1.0 form",
                    import.module
                ));
            }
        }
        let covered =
            |start: usize, end: usize| self.covered.iter().any(|(s, e)| *s <= start && end <= *e);
        let mut extra: Vec<String> = Vec::new();
        for reference in &file.syntax.names {
            if !in_compat(&reference.qualified) {
                continue;
            }
            let (Some(first), Some(last)) = (reference.segments.first(), reference.segments.last())
            else {
                continue;
            };
            if covered(first.1.start(), last.1.end()) {
                continue;
            }
            // How many parts of the qualified name the first identifier stands for: 1 for
            // `tecton` (`import tecton.v09_compat`), 2 for the module's own name or alias
            // (`import tecton.v09_compat as v09`, `from tecton import v09_compat`), 3 for a name
            // imported from it. Below 3, the identifier after the module is the object's.
            let head_parts = (reference.qualified.split('.').count() + 1)
                .saturating_sub(reference.segments.len());
            let position = (head_parts < 3).then(|| 3 - head_parts);
            let name = reference
                .qualified
                .strip_prefix("tecton.v09_compat.")
                .and_then(|rest| rest.split('.').next());
            let Some(name) = name else {
                problems.push(format!(
                    "line {}: the module `tecton.v09_compat` is used as a value",
                    line_of(file, first.1.start())
                ));
                continue;
            };
            let Some(native) = native_name(name) else {
                problems.push(format!("line {}: `{name}` outside a view's sources has no 1.0 form (`ds`, `ds.select_range(...)` or `ds.unfiltered()`)", line_of(file, first.1.start())));
                continue;
            };
            match position {
                // `v09_compat.Entity`, `v09.Entity` or `tecton.v09_compat.Entity`: the bare
                // native name.
                Some(at) => {
                    let Some((_, object)) = reference.segments.get(at) else {
                        continue;
                    };
                    edits.push(Edit::new(&file.path, first.1.start(), object.end(), native));
                    Self::need(&mut extra, native);
                }
                // A name imported from the module: renamed where the import has no `as`.
                None => {
                    let aliased = imported
                        .iter()
                        .any(|(n, a)| n == name && a.as_deref() == Some(first.0.as_str()));
                    if !aliased && first.0 == name && native != name {
                        edits.push(Edit::new(
                            &file.path,
                            first.1.start(),
                            first.1.end(),
                            native,
                        ));
                    }
                }
            }
        }
        // The new `from tecton import` line: the imported names in their native form, then the
        // names the rewrite writes, leaving out what the file already imports from `tecton`.
        let mut tecton: Vec<String> = Vec::new();
        for (name, asname) in &imported {
            let Some(native) = native_name(name) else {
                continue;
            };
            if new.import("tecton", Some(native)) != Import::Ok {
                problems.push(format!("`{name}` has no counterpart in `tecton` 1.1: remove its use (Tecton's 1.0 guide lists the replacements)"));
                continue;
            }
            let entry = match asname {
                Some(a) => format!("{native} as {a}"),
                None => native.to_string(),
            };
            Self::need(&mut tecton, &entry);
            if name == "PushSource" {
                Self::need(&mut tecton, "PushConfig");
            }
        }
        for name in self.tecton.iter().chain(&extra) {
            Self::need(&mut tecton, name);
        }
        let bound = |module: &str, name: &str| {
            file.syntax.imports.iter().any(|i| {
                i.level == 0
                    && i.module == module
                    && i.names.iter().any(|n| n.name == name && n.asname.is_none())
            })
        };
        tecton.retain(|n| !bound("tecton", n));
        let types: Vec<&String> = self
            .types
            .iter()
            .filter(|n| !bound("tecton.types", n))
            .collect();
        let mut lines = Vec::new();
        if !tecton.is_empty() {
            lines.push(format!("from tecton import {}", tecton.join(", ")));
        }
        if !types.is_empty() {
            let names: Vec<&str> = types.iter().map(|s| s.as_str()).collect();
            lines.push(format!("from tecton.types import {}", names.join(", ")));
        }
        // The statements that import nothing but the module, each with what stays in its place:
        // the first of them takes the new lines, the others go.
        let mut wholes: Vec<(&Span, Vec<String>)> = Vec::new();
        for import in &file.syntax.imports {
            let statement = &import.span;
            let whole = import.level == 0 && import.module == COMPAT
                || import.level == 0
                    && import.module == "tecton"
                    && import.names.len() == 1
                    && import.names[0].name == "v09_compat";
            if whole {
                wholes.push((statement, Vec::new()));
                continue;
            }
            if import.level != 0 || import.module != "tecton" {
                continue;
            }
            let Some(at) = import.names.iter().position(|n| n.name == "v09_compat") else {
                continue;
            };
            edits.push(cut_name(file, &import.names, at));
        }
        // `import tecton.v09_compat` also binds `tecton`: kept as `import tecton` while the file
        // still reads other names through it and nothing else binds it.
        let binds_tecton = |n: &ImportedName| match &n.asname {
            Some(asname) => asname == "tecton",
            None => n.name.split('.').next() == Some("tecton") && !in_compat(&n.name),
        };
        let tecton_bound_elsewhere = file
            .syntax
            .module_imports
            .iter()
            .any(|i| i.names.iter().any(binds_tecton));
        let reads_tecton = file.syntax.names.iter().any(|n| {
            n.segments.first().is_some_and(|(s, _)| s == "tecton")
                && n.segments.len() > 1
                && !in_compat(&n.qualified)
        });
        let keep_tecton = reads_tecton && !tecton_bound_elsewhere;
        for import in &file.syntax.module_imports {
            let (compat, others): (Vec<&ImportedName>, Vec<&ImportedName>) =
                import.names.iter().partition(|n| in_compat(&n.name));
            if compat.is_empty() {
                continue;
            }
            for name in &compat {
                if name.name != COMPAT {
                    problems.push(format!("`import {}` has no 1.0 form", name.name));
                }
            }
            // The statement is written again without the module: `import os, tecton.v09_compat`
            // keeps `import os`.
            let mut kept = Vec::new();
            if !others.is_empty() {
                let names: Vec<String> = others
                    .iter()
                    .map(|n| match &n.asname {
                        Some(a) => format!("{} as {a}", n.name),
                        None => n.name.clone(),
                    })
                    .collect();
                kept.push(format!("import {}", names.join(", ")));
            }
            if keep_tecton && compat.iter().any(|n| n.asname.is_none()) {
                kept.push("import tecton".to_string());
            }
            wholes.push((&import.span, kept));
        }
        wholes.sort_by_key(|(span, _)| span.start());
        let new_lines = lines.join("\n");
        // Whether a top-level statement took the new lines, and whether any statement did.
        let mut placed_top = false;
        let mut placed = new_lines.is_empty();
        for (statement, mut kept) in wholes {
            let line_start = file.text[..statement.start()]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            let indent = &file.text[line_start..statement.start()];
            // Inside an `if`, a `try` or a function, the statement binds the names for its
            // block only: each such statement gets the new lines, and none leaves its block
            // empty.
            let nested = !indent.is_empty() && indent.trim().is_empty();
            if !placed_top || nested {
                if !new_lines.is_empty() {
                    kept.extend(new_lines.split('\n').map(String::from));
                }
                placed_top |= !nested;
                placed = true;
            }
            if kept.is_empty() && nested {
                kept.push("pass".to_string());
            }
            if kept.is_empty() {
                edits.push(delete_statement(file, statement));
                continue;
            }
            // Lines after the first start where the statement does.
            let indent = if nested { indent } else { "" };
            let text = kept.join(&format!("\n{indent}"));
            edits.push(Edit::new(
                &file.path,
                statement.start(),
                statement.end(),
                text,
            ));
        }
        let new_lines = Some(new_lines).filter(|_| !placed);
        if let Some(lines) = new_lines.filter(|l| !l.is_empty()) {
            // No statement to replace: the new lines go before the first `from tecton... import`.
            match file
                .syntax
                .imports
                .iter()
                .find(|i| i.level == 0 && i.module.starts_with("tecton"))
            {
                Some(first) => edits.push(Edit::new(
                    &file.path,
                    first.span.start(),
                    first.span.start(),
                    format!("{lines}\n"),
                )),
                None => problems.push(format!(
                    "the rewrite needs `{lines}` and the file has no `from tecton... import` line to put it beside: add it at the top"
                )),
            }
        }
        let from_span = file
            .syntax
            .imports
            .iter()
            .find(|i| i.module == COMPAT || i.module == "tecton")
            .map(|i| &i.span);
        let module_span = file
            .syntax
            .module_imports
            .iter()
            .find(|i| i.names.iter().any(|n| in_compat(&n.name)))
            .map(|i| &i.span);
        let span = from_span
            .into_iter()
            .chain(module_span)
            .min_by_key(|s| s.start())
            .cloned()
            .unwrap_or_else(|| Span::new(&file.path, 0, 0));
        let message = "imports move from `tecton.v09_compat` to `tecton`".to_string();
        if !problems.is_empty() {
            out.push(Change::human(
                CODE,
                Phase::OldSdk,
                span,
                message,
                problems.join("; "),
            ));
        } else if !edits.is_empty() {
            out.push(Change::edit(CODE, Phase::OldSdk, span, message, edits));
        }
    }
}

/// The edit that takes the name at `at` out of an import's list, with its comma.
fn cut_name(file: &PythonFile, names: &[ImportedName], at: usize) -> Edit {
    let this = &names[at].span;
    // The name's `as` part ends where the next name starts, or at the previous comma's pair.
    let cut = match names.get(at + 1) {
        Some(next) => (this.start(), next.span.start()),
        None => {
            let comma = file.text[..this.start()].rfind(',').unwrap_or(this.start());
            // ` as alias` after the name (the alias text alone could match inside `as`).
            let end = names[at]
                .asname
                .as_ref()
                .and_then(|a| {
                    let alias = file.text[this.end()..]
                        .trim_start()
                        .strip_prefix("as")?
                        .trim_start();
                    alias
                        .starts_with(a.as_str())
                        .then(|| file.text.len() - alias.len() + a.len())
                })
                .unwrap_or(this.end());
            (comma, end)
        }
    };
    Edit::new(&file.path, cut.0, cut.1, "")
}

/// The 1-based line of a byte offset.
fn line_of(file: &PythonFile, at: usize) -> usize {
    file.text[..at.min(file.text.len())].matches('\n').count() + 1
}

/// The edit that deletes a statement, with its line when the statement is alone on it.
fn delete_statement(file: &PythonFile, span: &Span) -> Edit {
    let line_start = file.text[..span.start()].rfind('\n').map_or(0, |i| i + 1);
    let alone = file.text[line_start..span.start()].trim().is_empty()
        && file.text[span.end()..].starts_with('\n');
    if alone {
        Edit::new(&file.path, line_start, span.end() + 1, "")
    } else {
        Edit::new(&file.path, span.start(), span.end(), "")
    }
}

/// The seconds of `timedelta(days=..., hours=..., ...)` written with literal integers.
fn timedelta_seconds(value: &Value) -> Option<i64> {
    let Value::Call(call) = value else {
        return None;
    };
    if !call.callee.ends_with("timedelta") || call.spread || !call.args.is_empty() {
        return None;
    }
    let mut total: i64 = 0;
    for k in &call.keywords {
        let Value::Int(n) = k.value.value else {
            return None;
        };
        let unit = match k.name.as_str() {
            "weeks" => 7 * 86400,
            "days" => 86400,
            "hours" => 3600,
            "minutes" => 60,
            "seconds" => 1,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(unit)?)?;
    }
    Some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::python::syntax;
    use std::path::Path;

    fn file(text: &str) -> PythonFile {
        PythonFile {
            path: PathBuf::from("m.py"),
            text: text.to_string(),
            syntax: syntax::scan(Path::new("m.py"), text).expect("parses"),
        }
    }

    #[test]
    fn offsets_are_read_from_literal_timedeltas_only() {
        let f = file("a = timedelta(days=-36500)\nb = timedelta(weeks=1, hours=-2)\nc = timedelta(days=N)\nd = timedelta(1)\n");
        let seconds: Vec<Option<i64>> = f
            .syntax
            .call_trees
            .iter()
            .map(|t| timedelta_seconds(&Value::Call(Box::new(t.clone()))))
            .collect();
        assert_eq!(
            seconds,
            [Some(-UNBOUNDED_SECONDS), Some(7 * 86400 - 7200), None, None]
        );
    }

    #[test]
    fn a_name_cut_from_an_import_takes_its_alias_along() {
        for (text, left) in [
            (
                "from tecton import Entity, v09_compat as s\n",
                "from tecton import Entity\n",
            ),
            (
                "from tecton import Entity, v09_compat   as   v09\n",
                "from tecton import Entity\n",
            ),
            (
                "from tecton import v09_compat as a, Entity\n",
                "from tecton import Entity\n",
            ),
            (
                "from tecton import Entity, v09_compat\n",
                "from tecton import Entity\n",
            ),
        ] {
            let f = file(text);
            let names = &f.syntax.imports[0].names;
            let at = names
                .iter()
                .position(|n| n.name == "v09_compat")
                .expect("imported");
            let edit = cut_name(&f, names, at);
            let cut = format!("{}{}", &text[..edit.start], &text[edit.end..]);
            assert_eq!(cut, left, "{text}");
        }
    }

    #[test]
    fn lists_keep_their_layout_and_statements_go_with_their_line() {
        let text = "x = [\n    a,\n    b,\n]\ny = [a, b]\nfrom tecton.v09_compat import A\nz = 1\n";
        let f = file(text);
        let first = Span::new("m.py", 4, text.find("]\n").expect("end") + 1);
        assert_eq!(render_list(&f, &first, &["c".into()]), "[\n    c,\n]");
        let start = text.find("[a").expect("list");
        let second = Span::new("m.py", start, start + 6);
        assert_eq!(
            render_list(&f, &second, &["c".into(), "d".into()]),
            "[c, d]"
        );
        let import = &f.syntax.imports[0].span;
        let edit = delete_statement(&f, import);
        assert_eq!(
            &text[edit.start..edit.end],
            "from tecton.v09_compat import A\n"
        );
    }
}
