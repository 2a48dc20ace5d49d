//! A static stand-in for `import`: executes each module's top level in order, knowing only what
//! can be known without running user code. Module execution is memoized and imports execute the
//! imported module first, as Python does, so constants and re-exported names flow between modules
//! of the root. Tecton objects are recorded where they are constructed, which is when Tecton
//! registers them: at module level, in literal loops (unrolled), and in helper functions that the
//! top level calls (inlined, with their arguments bound).

use std::collections::HashMap;

use ruff_python_ast::{
    self as ast, BoolOp, CmpOp, Expr, InterpolatedStringElement, Number, Operator, Stmt, UnaryOp,
};
use ruff_text_size::{Ranged, TextRange};

use super::load::LoadedModule;
use super::{Api, Arg, PyValue, RawObject, Unresolved};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::Kind;
use crate::sdk::api::Import;

/// How deep helper-function calls are followed.
const MAX_CALL_DEPTH: usize = 12;
/// How deep one expression is evaluated (the guard in `load` bounds real files well below this).
const MAX_EVAL_DEPTH: usize = 400;
/// Literal loops longer than this are not unrolled.
const MAX_UNROLL: usize = 10_000;
/// Loop iterations, comprehension items and calls one module's import may take before the rest
/// of its loops and calls are no longer followed (a TP002 says where): a repository's own code
/// needs a few thousand; self-calling fan-outs and nested loops would need billions.
const MAX_WORK: usize = 200_000;
/// The largest value followed (items, and strings by 64 bytes): 16 MiB of text, or a list of
/// a quarter of a million items.
const MAX_VALUE_WEIGHT: usize = 262_144;

/// Tecton's public module paths whose names are Tecton objects.
const TECTON_MODULES: &[&str] = &["tecton", "tecton.v09_compat", "tecton.compat"];

/// How a Tecton name constructs an object: as a decorator factory or as a class.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Form {
    Decorator,
    Class,
}

fn tecton_constructor(qualified: &str) -> Option<(Kind, Form)> {
    let (module, name) = qualified.rsplit_once('.')?;
    let known_module = TECTON_MODULES.contains(&module) || module.starts_with("tecton.framework");
    if !known_module {
        return None;
    }
    Some(match name {
        "batch_feature_view" => (Kind::BatchFeatureView, Form::Decorator),
        "stream_feature_view" => (Kind::StreamFeatureView, Form::Decorator),
        "on_demand_feature_view" => (Kind::OnDemandFeatureView, Form::Decorator),
        "realtime_feature_view" => (Kind::RealtimeFeatureView, Form::Decorator),
        "transformation" => (Kind::Transformation, Form::Decorator),
        "BatchFeatureView" => (Kind::BatchFeatureView, Form::Class),
        "StreamFeatureView" => (Kind::StreamFeatureView, Form::Class),
        "FeatureTable" => (Kind::FeatureTable, Form::Class),
        "RealtimeFeatureView" => (Kind::RealtimeFeatureView, Form::Class),
        "OnDemandFeatureView" => (Kind::OnDemandFeatureView, Form::Class),
        "FeatureService" => (Kind::FeatureService, Form::Class),
        "Entity" => (Kind::Entity, Form::Class),
        "BatchSource" => (Kind::BatchSource, Form::Class),
        "StreamSource" => (Kind::StreamSource, Form::Class),
        "PushSource" => (Kind::PushSource, Form::Class),
        _ => return None,
    })
}

/// A value during interpretation. Richer than [`PyValue`]: it also knows modules and functions.
#[derive(Clone, Debug)]
enum Value<'a> {
    Str(String, Span),
    Int(i64),
    Float(f64),
    Bool(bool),
    None,
    List(Vec<Value<'a>>),
    Dict(Vec<(Value<'a>, Value<'a>)>),
    /// A module of the root, by index.
    Module(usize),
    /// A name outside the repository, fully qualified (`tecton.Entity`, `os.environ`).
    External(String),
    /// A Tecton object (index into the recorded objects).
    Object(usize),
    /// A Tecton decorator factory that has been called with its arguments, not yet applied.
    Decorator(Box<PendingDecorator<'a>>),
    Function(usize, &'a ast::StmtFunctionDef),
    Call(String, Vec<Value<'a>>, Vec<(String, Value<'a>)>),
    /// A method of a known string or dict, not yet called (`"_".join`, `CONFIGS.items`).
    Method(Box<Value<'a>>, String),
    /// A class defined in the repository, with the names its body bound (`Config.RUNTIME`).
    Class(String, std::rc::Rc<HashMap<String, Value<'a>>>),
    Other(String),
    Unknown(Unresolved),
}

/// A change to a dict or list held by a name.
enum Mutation<'a> {
    Set(Value<'a>, Value<'a>),
    Remove(Value<'a>),
    SetDefault(Value<'a>, Value<'a>),
    /// `dict.update` (with a dict) or `list.extend` (with a list).
    Update(Value<'a>),
    Append(Value<'a>),
}

/// Whether two dict keys are the same string.
fn same_key(a: &Value<'_>, b: &Value<'_>) -> bool {
    matches!((a, b), (Value::Str(a, _), Value::Str(b, _)) if a == b)
}

/// `items[key] = value` on a dict's items: replaces the key's value, or adds the key.
fn dict_set<'a>(items: &mut Vec<(Value<'a>, Value<'a>)>, key: Value<'a>, value: Value<'a>) {
    match items.iter_mut().find(|(k, _)| same_key(k, &key)) {
        Some(slot) => slot.1 = value,
        None => items.push((key, value)),
    }
}

#[derive(Clone, Debug)]
struct PendingDecorator<'a> {
    kind: Kind,
    call: CallArgs<'a>,
    span: Span,
}

/// Evaluated call arguments.
#[derive(Clone, Debug, Default)]
struct CallArgs<'a> {
    positional: Vec<(Value<'a>, Span)>,
    keywords: Vec<(String, Value<'a>, Span)>,
    spread: Option<Unresolved>,
}

/// Flow out of a block.
enum Flow<'a> {
    Normal,
    Return(Value<'a>),
    Break,
    Continue,
    /// A `raise` at this level: the rest of the block does not run.
    Stop,
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    NotStarted,
    Running,
    Done,
}

struct ModuleState<'a> {
    status: Status,
    /// Its import raised (Python's import would fail here, and so would every import of it).
    failed: bool,
    globals: HashMap<String, Value<'a>>,
    /// Modules named by `from X import *` that are outside the root.
    star_external: Vec<String>,
}

/// Where names are looked up and bound: the module's globals, or a function's locals.
struct Frame<'a> {
    module: usize,
    locals: Option<HashMap<String, Value<'a>>>,
    /// Comprehension variables, innermost last.
    scopes: Vec<HashMap<String, Value<'a>>>,
}

impl<'a> Frame<'a> {
    fn module(module: usize) -> Self {
        Frame {
            module,
            locals: None,
            scopes: Vec::new(),
        }
    }
}

struct Interp<'a> {
    modules: &'a [LoadedModule],
    by_name: HashMap<&'a str, usize>,
    states: Vec<ModuleState<'a>>,
    objects: Vec<RawObject>,
    diagnostics: Vec<Diagnostic>,
    /// Why objects constructed now cannot be pinned down exactly (inside an unknown loop, under an
    /// unknown condition), innermost last.
    context: Vec<Unresolved>,
    call_depth: usize,
    eval_depth: usize,
    /// Work done by the module being imported (see [`MAX_WORK`]), and whether it ran out.
    work: usize,
    out_of_work: bool,
    /// An exception is propagating: blocks stop until a `try` catches it or the module fails.
    raising: bool,
    /// The root directory's own name (an import through it fails: the root is on `sys.path`, not
    /// its parent).
    root_name: Option<String>,
    api: Option<Api>,
}

pub(crate) fn run(
    modules: &[LoadedModule],
    root_name: Option<String>,
    api: Option<Api>,
) -> (Vec<RawObject>, Vec<Diagnostic>) {
    let mut interp = Interp {
        modules,
        by_name: modules
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.name.is_empty())
            .map(|(i, m)| (m.name.as_str(), i))
            .collect(),
        states: modules
            .iter()
            .map(|_| ModuleState {
                status: Status::NotStarted,
                failed: false,
                globals: HashMap::new(),
                star_external: Vec::new(),
            })
            .collect(),
        objects: Vec::new(),
        diagnostics: Vec::new(),
        context: Vec::new(),
        call_depth: 0,
        eval_depth: 0,
        work: 0,
        out_of_work: false,
        raising: false,
        root_name,
        api,
    };
    for (index, module) in modules.iter().enumerate() {
        if module.import_only {
            continue;
        }
        interp.execute_module(index);
    }
    (interp.objects, interp.diagnostics)
}

impl<'a> Interp<'a> {
    fn span(&self, module: usize, range: TextRange) -> Span {
        Span::new(
            &self.modules[module].path,
            usize::from(range.start()),
            usize::from(range.end()),
        )
    }

    fn text(&self, module: usize, range: TextRange) -> String {
        let text = &self.modules[module].text;
        let start = usize::from(range.start()).min(text.len());
        let end = usize::from(range.end()).min(text.len()).max(start);
        let snippet = text.get(start..end).unwrap_or("");
        let one_line: String = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.chars().count() > 60 {
            let cut: String = one_line.chars().take(57).collect();
            format!("{cut}...")
        } else {
            one_line
        }
    }

    fn unknown(&self, module: usize, range: TextRange, reason: impl Into<String>) -> Value<'a> {
        Value::Unknown(Unresolved {
            reason: reason.into(),
            span: self.span(module, range),
        })
    }

    // ---------------------------------------------------------------------------------------------
    // modules and imports

    fn execute_module(&mut self, index: usize) {
        if self.states[index].status != Status::NotStarted {
            return;
        }
        self.states[index].status = Status::Running;
        self.states[index].globals.insert(
            "__name__".into(),
            Value::Other(self.modules[index].name.clone()),
        );
        if let Some(suite) = &self.modules[index].suite {
            let saved_context = std::mem::take(&mut self.context);
            let saved_depth = self.call_depth;
            self.call_depth = 0;
            let saved_work = (
                std::mem::take(&mut self.work),
                std::mem::take(&mut self.out_of_work),
            );
            let saved_raising = std::mem::replace(&mut self.raising, false);
            let mut frame = Frame::module(index);
            self.exec_block(&mut frame, suite);
            self.states[index].failed = self.raising;
            self.raising = saved_raising;
            self.context = saved_context;
            self.call_depth = saved_depth;
            (self.work, self.out_of_work) = saved_work;
        }
        self.states[index].status = Status::Done;
    }

    /// The module of the root with this dotted name, executed (or being executed).
    fn import_local(&mut self, name: &str) -> Option<usize> {
        let index = *self.by_name.get(name)?;
        self.execute_module(index);
        if self.states[index].failed {
            // The imported module's own failure was reported where it happened.
            self.raising = true;
        }
        Some(index)
    }

    /// Counts one unit of work; `false` once the module's budget is spent, after saying so once.
    fn spend(&mut self, module: usize, range: TextRange) -> bool {
        self.work += 1;
        if self.work <= MAX_WORK {
            return true;
        }
        if !self.out_of_work {
            self.out_of_work = true;
            let span = self.span(module, range);
            self.diagnostics.push(
                Diagnostic::new(
                    "TP002",
                    format!(
                        "tecton-preflight stops following loops and calls here: importing this module takes more than {MAX_WORK} loop iterations and calls, so what it constructs from here on is not known"
                    ),
                )
                .at(span)
                .with_help("Tecton runs this code when it imports the file; keep loops and recursion small, or list the file in .tectonignore if it defines no Tecton objects"),
            );
        }
        false
    }

    /// An exception at this point of the import: reported once, and the module stops here.
    fn raise(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
        self.raising = true;
    }

    /// `import X...` or `from X... import` where `X` is the root directory's own name and no module
    /// or package of the root (a namespace package without `__init__.py` counts): Python cannot
    /// find it, since Tecton puts the root itself on `sys.path`.
    fn check_root_name_import(&mut self, frame: &Frame<'a>, module: &str, range: TextRange) {
        let top = module.split('.').next().unwrap_or(module);
        if self.root_name.as_deref() == Some(top)
            && !self
                .by_name
                .keys()
                .any(|name| name.split('.').next() == Some(top))
        {
            let span = self.span(frame.module, range);
            self.raise(
                Diagnostic::new(
                    "TP001",
                    format!(
                        "Tecton cannot import this file: no module named `{top}` (ModuleNotFoundError); `{top}` is the feature repository's own directory, and Tecton imports modules relative to it"
                    ),
                )
                .at(span)
                .with_help(format!("import without the `{top}.` prefix, as the root is on `sys.path`")),
            );
        }
    }

    /// Resolves `from <module> import <name>` for a module of the root.
    fn import_from_local(
        &mut self,
        module: usize,
        name: &str,
        frame: &Frame<'a>,
        range: TextRange,
        attribute: bool,
    ) -> Value<'a> {
        if let Some(value) = self.states[module].globals.get(name) {
            return value.clone();
        }
        let submodule = format!("{}.{}", self.modules[module].name, name);
        if let Some(index) = self.import_local(&submodule) {
            return Value::Module(index);
        }
        if let Some(value) = self.states[module].globals.get(name) {
            return value.clone();
        }
        if let Some(external) = self.states[module].star_external.first() {
            return Value::External(format!("{external}.{name}"));
        }
        let modules = self.modules;
        let owner = modules[module].name.as_str();
        let text = &modules[module].text;
        // A module that can define names dynamically may define this one.
        let dynamic = || {
            ["__getattr__", "globals(", "vars(", "exec(", "setattr("]
                .iter()
                .any(|d| text.contains(d))
        };
        if modules[module].suite.is_some()
            && !self.states[module].failed
            && !contains_word(text, name)
            && !dynamic()
        {
            // The module never mentions the name: Python's `from m import name` fails.
            let span = self.span(frame.module, range);
            let message = if attribute {
                format!("module `{owner}` has no attribute `{name}` (AttributeError)")
            } else {
                format!("cannot import name `{name}` from `{owner}` (ImportError)")
            };
            self.raise(
                Diagnostic::new(
                    "TP001",
                    format!("Tecton cannot import this file: {message}"),
                )
                .at(span)
                .with_help(format!(
                    "`{owner}` defines no `{name}`; import a name it defines"
                )),
            );
            return self.unknown(frame.module, range, format!("`{name}` cannot be imported"));
        }
        let reason = if modules[module].suite.is_none() {
            format!("`{name}` comes from `{owner}`, which cannot be parsed")
        } else {
            format!("`{name}` is not defined at the top level of `{owner}`")
        };
        self.unknown(frame.module, range, reason)
    }

    fn exec_import(&mut self, frame: &mut Frame<'a>, import: &'a ast::StmtImport) {
        for alias in &import.names {
            let full = alias.name.id.as_str();
            self.check_root_name_import(frame, full, alias.range);
            if !self
                .by_name
                .contains_key(full.split('.').next().unwrap_or(full))
            {
                self.check_tecton_import(frame, full, None, alias.range);
            }
            if self.raising {
                return;
            }
            let local = full
                .split('.')
                .scan(String::new(), |acc, part| {
                    if !acc.is_empty() {
                        acc.push('.');
                    }
                    acc.push_str(part);
                    Some(acc.clone())
                })
                .map(|prefix| self.import_local(&prefix))
                .collect::<Vec<_>>();
            match &alias.asname {
                Some(asname) => {
                    let value = match local.last().copied().flatten() {
                        Some(index) => Value::Module(index),
                        None => Value::External(full.to_string()),
                    };
                    self.bind(frame, asname.id.as_str(), value);
                }
                None => {
                    let top = full.split('.').next().unwrap_or(full);
                    let value = match local.first().copied().flatten() {
                        Some(index) => Value::Module(index),
                        None => Value::External(top.to_string()),
                    };
                    self.bind(frame, top, value);
                }
            }
        }
    }

    fn exec_import_from(&mut self, frame: &mut Frame<'a>, import: &'a ast::StmtImportFrom) {
        let module_name = import.module.as_ref().map(|m| m.id.as_str());
        let Some(absolute) = self.modules[frame.module].absolute_module(import.level, module_name)
        else {
            for alias in &import.names {
                let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                let value = self.unknown(
                    frame.module,
                    import.range,
                    "a relative import that leaves the feature repository",
                );
                self.bind(frame, bound.id.as_str(), value);
            }
            return;
        };
        if import.level == 0 {
            self.check_root_name_import(frame, &absolute, import.range);
        }
        // A package of the root (also the root itself, for `from . import x` at top level).
        let local = if self.raising || absolute.is_empty() {
            None
        } else {
            absolute
                .split('.')
                .scan(String::new(), |acc, part| {
                    if !acc.is_empty() {
                        acc.push('.');
                    }
                    acc.push_str(part);
                    Some(acc.clone())
                })
                .map(|prefix| self.import_local(&prefix))
                .last()
                .flatten()
        };
        for alias in &import.names {
            if self.raising {
                return;
            }
            let name = alias.name.id.as_str();
            if name == "*" {
                match local {
                    Some(index) => {
                        let names: Vec<(String, Value<'a>)> = self.states[index]
                            .globals
                            .iter()
                            .filter(|(k, _)| !k.starts_with('_'))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        for (k, v) in names {
                            self.bind(frame, &k, v);
                        }
                        let star = self.states[index].star_external.clone();
                        self.states[frame.module].star_external.extend(star);
                    }
                    None => self.states[frame.module]
                        .star_external
                        .push(absolute.clone()),
                }
                continue;
            }
            let value = match local {
                Some(index) => self.import_from_local(index, name, frame, alias.range, false),
                None if absolute.is_empty() => {
                    // `from . import x` in a top-level module: x is a module of the root.
                    match self.import_local(name) {
                        Some(index) => Value::Module(index),
                        None => self.unknown(
                            frame.module,
                            alias.range,
                            format!("no module `{name}` in the feature repository"),
                        ),
                    }
                }
                None if import.level > 0 => self.unknown(
                    frame.module,
                    alias.range,
                    format!("module `{absolute}` is not in the feature repository"),
                ),
                None => {
                    self.check_tecton_import(frame, &absolute, Some(name), alias.range);
                    if self.raising {
                        return;
                    }
                    Value::External(format!("{absolute}.{name}"))
                }
            };
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            self.bind(frame, bound.id.as_str(), value);
        }
    }

    /// An import from a Tecton module that the SDK in use does not have: Python raises here.
    fn check_tecton_import(
        &mut self,
        frame: &Frame<'a>,
        module: &str,
        name: Option<&str>,
        range: TextRange,
    ) {
        let Some(Api { api, minor }) = self.api else {
            return;
        };
        let (message, help) = match api.import(module, name) {
            Import::Ok | Import::Unknown => return,
            Import::NoModule => (
                format!("no module named `{module}` in SDK {minor} (ModuleNotFoundError)"),
                match crate::sdk::api::history_of_module(module, minor) {
                    Some(when) => format!("{when}; import from `tecton` instead"),
                    None => "import from `tecton` instead".to_string(),
                },
            ),
            Import::NoName => {
                let name = name.unwrap_or_default();
                let when = crate::sdk::api::history(module, name, minor)
                    .map(|h| format!("{h}; "))
                    .unwrap_or_default();
                (
                    format!("cannot import name `{name}` from `{module}` in SDK {minor} (ImportError)"),
                    format!("{when}see the upgrade guide for SDK {minor}, or pin the SDK the code was written for"),
                )
            }
        };
        let span = self.span(frame.module, range);
        self.raise(
            Diagnostic::new(
                "TP001",
                format!("Tecton cannot import this file: {message}"),
            )
            .at(span)
            .with_help(help),
        );
    }

    /// A call of a Tecton constructor that binding its arguments would reject (TypeError), checked
    /// against the SDK's signature in the order Python binds: positional count, a missing required
    /// argument, then an unexpected keyword.
    fn check_signature(
        &mut self,
        frame: &Frame<'a>,
        qualified: &str,
        call: &CallArgs<'a>,
        span: &Span,
    ) -> bool {
        let Some(Api { api, minor }) = self.api else {
            return true;
        };
        let Some((module, name)) = qualified.rsplit_once('.') else {
            return true;
        };
        let Some(callable) = api.callable(module, name) else {
            return true;
        };
        let problem = if call.positional.len() > callable.positional.len()
            && !callable.var_positional
        {
            Some((
                format!(
                    "`{name}` takes {} positional argument(s) in SDK {minor}, and {} are given",
                    callable.positional.len(),
                    call.positional.len()
                ),
                span.clone(),
            ))
        } else {
            let bound =
                &callable.positional[..call.positional.len().min(callable.positional.len())];
            let missing = callable.required.iter().find(|r| {
                call.spread.is_none()
                    && !bound.contains(r)
                    && !call.keywords.iter().any(|(k, _, _)| k == *r)
            });
            let unexpected = (!callable.var_keyword)
                .then(|| {
                    call.keywords
                        .iter()
                        .find(|(k, _, _)| !callable.params.contains(k))
                })
                .flatten();
            match (missing, unexpected) {
                (Some(missing), _) => Some((
                    format!("`{name}` is missing the required argument `{missing}` in SDK {minor} (TypeError)"),
                    span.clone(),
                )),
                (None, Some((key, _, key_span))) => Some((
                    format!("`{name}` got an unexpected keyword argument `{key}` in SDK {minor} (TypeError)"),
                    key_span.clone(),
                )),
                (None, None) => None,
            }
        };
        let problem = problem.or_else(|| type_problem(module, name, call, minor));
        let Some((message, at)) = problem else {
            return true;
        };
        let _ = frame;
        self.raise(
            Diagnostic::new("TP001", format!("Tecton cannot import this file: {message}"))
                .at(at)
                .with_help(format!(
                    "match the arguments to SDK {minor}'s `{name}` (`tecton-preflight` knows each SDK's signatures), or pin the SDK the code was written for"
                )),
        );
        false
    }

    // ---------------------------------------------------------------------------------------------
    // names

    fn bind(&mut self, frame: &mut Frame<'a>, name: &str, value: Value<'a>) {
        if let Some(scope) = frame.scopes.last_mut() {
            scope.insert(name.to_string(), value);
        } else if let Some(locals) = &mut frame.locals {
            locals.insert(name.to_string(), value);
        } else {
            self.states[frame.module]
                .globals
                .insert(name.to_string(), value);
        }
    }

    /// Replaces the value of a name where it lives (the innermost scope that has it), as a
    /// mutation of the object it names would be seen there; a name bound nowhere is left alone.
    fn rebind_existing(&mut self, frame: &mut Frame<'a>, name: &str, value: Value<'a>) {
        for scope in frame.scopes.iter_mut().rev() {
            if let Some(slot) = scope.get_mut(name) {
                *slot = value;
                return;
            }
        }
        if let Some(slot) = frame.locals.as_mut().and_then(|l| l.get_mut(name)) {
            *slot = value;
            return;
        }
        if let Some(slot) = self.states[frame.module].globals.get_mut(name) {
            *slot = value;
        }
    }

    /// Applies a change to the dict or list a name holds, where the name lives.
    fn mutate_name(
        &mut self,
        frame: &mut Frame<'a>,
        name: &ast::ExprName,
        change: Mutation<'a>,
        range: TextRange,
    ) {
        let current = self.lookup(frame, name.id.as_str(), name.range);
        if let Some(new) = self.mutated(frame, &current, change, range) {
            self.rebind_existing(frame, name.id.as_str(), new);
        }
    }

    /// `X[key] = value`, `del X[key]` and the mutating methods of dicts and lists called as
    /// statements (`X.update(...)`, `X.pop(k)`, `L.append(v)`): the new value of `X`, `None` when
    /// `X` is not a dict or list this interpreter holds.
    fn mutated(
        &mut self,
        frame: &mut Frame<'a>,
        current: &Value<'a>,
        change: Mutation<'a>,
        range: TextRange,
    ) -> Option<Value<'a>> {
        let unknown = |this: &mut Self, why: &str| Some(this.unknown(frame.module, range, why));
        match (current, change) {
            (Value::Dict(items), Mutation::Set(key @ Value::Str(..), value)) => {
                let mut items = items.clone();
                dict_set(&mut items, key, value);
                Some(Value::Dict(items))
            }
            (Value::Dict(items), Mutation::Remove(key @ Value::Str(..))) => Some(Value::Dict(
                items
                    .iter()
                    .filter(|(k, _)| !same_key(k, &key))
                    .cloned()
                    .collect(),
            )),
            (Value::Dict(items), Mutation::SetDefault(key @ Value::Str(..), value)) => {
                let mut items = items.clone();
                if !items.iter().any(|(k, _)| same_key(k, &key)) {
                    items.push((key, value));
                }
                Some(Value::Dict(items))
            }
            (Value::Dict(items), Mutation::Update(Value::Dict(more))) => {
                let mut items = items.clone();
                for (key, value) in more {
                    dict_set(&mut items, key, value);
                }
                Some(Value::Dict(items))
            }
            (Value::List(items), Mutation::Set(Value::Int(index), value)) => {
                let len = items.len() as i64;
                let at = if index < 0 { index + len } else { index };
                if (0..len).contains(&at) {
                    let mut items = items.clone();
                    items[at as usize] = value;
                    Some(Value::List(items))
                } else {
                    unknown(self, "an index out of range")
                }
            }
            (Value::List(items), Mutation::Append(value)) => {
                let mut items = items.clone();
                items.push(value);
                Some(Value::List(items))
            }
            (Value::List(items), Mutation::Update(Value::List(more))) => {
                let mut items = items.clone();
                items.extend(more);
                Some(Value::List(items))
            }
            (Value::Dict(_) | Value::List(_), _) => {
                unknown(self, "changed in a way tecton-preflight cannot follow")
            }
            _ => None,
        }
    }

    fn lookup(&self, frame: &Frame<'a>, name: &str, range: TextRange) -> Value<'a> {
        for scope in frame.scopes.iter().rev() {
            if let Some(value) = scope.get(name) {
                return value.clone();
            }
        }
        if let Some(value) = frame.locals.as_ref().and_then(|l| l.get(name)) {
            return value.clone();
        }
        let state = &self.states[frame.module];
        if let Some(value) = state.globals.get(name) {
            return value.clone();
        }
        if let Some(module) = state.star_external.first() {
            return Value::External(format!("{module}.{name}"));
        }
        match name {
            "dict" | "list" | "tuple" | "str" | "int" | "float" | "bool" | "range" | "len"
            | "sorted" | "set" | "getattr" | "print" | "isinstance" | "enumerate" | "zip" => {
                Value::External(format!("builtins.{name}"))
            }
            _ => self.unknown(
                frame.module,
                range,
                format!("`{name}` is not defined where it is used"),
            ),
        }
    }

    // ---------------------------------------------------------------------------------------------
    // statements

    fn exec_block(&mut self, frame: &mut Frame<'a>, block: &'a [Stmt]) -> Flow<'a> {
        for stmt in block {
            match self.exec_stmt(frame, stmt) {
                Flow::Normal if !self.raising => {}
                Flow::Normal => return Flow::Stop,
                other => return other,
            }
        }
        Flow::Normal
    }

    fn exec_stmt(&mut self, frame: &mut Frame<'a>, stmt: &'a Stmt) -> Flow<'a> {
        match stmt {
            Stmt::Import(import) => self.exec_import(frame, import),
            Stmt::ImportFrom(import) => self.exec_import_from(frame, import),
            Stmt::Expr(expr) if !self.exec_mutating_call(frame, &expr.value) => {
                self.eval(frame, &expr.value);
            }
            Stmt::Delete(delete) => {
                for target in &delete.targets {
                    if let Expr::Subscript(subscript) = target {
                        let key = self.eval(frame, &subscript.slice);
                        if let Expr::Name(name) = &*subscript.value {
                            self.mutate_name(frame, name, Mutation::Remove(key), subscript.range);
                        }
                    }
                }
            }
            Stmt::Assign(assign) => {
                let value = self.eval(frame, &assign.value);
                for target in &assign.targets {
                    self.assign(frame, target, value.clone());
                }
            }
            Stmt::AnnAssign(assign) => {
                if let Some(value) = &assign.value {
                    let value = self.eval(frame, value);
                    self.assign(frame, &assign.target, value);
                }
            }
            Stmt::AugAssign(assign) => {
                let right = self.eval(frame, &assign.value);
                if let Expr::Name(name) = &*assign.target {
                    let left = self.lookup(frame, name.id.as_str(), name.range);
                    let value = self.binary(frame, assign.op, left, right, assign.range);
                    self.bind(frame, name.id.as_str(), value);
                }
            }
            Stmt::FunctionDef(def) => self.exec_function_def(frame, def),
            Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.eval(frame, &decorator.expression);
                }
                if let Some(arguments) = &class.arguments {
                    for arg in arguments.args.iter() {
                        self.eval(frame, arg);
                    }
                }
                // The class body runs at import; objects it constructs are registered.
                frame.scopes.push(HashMap::new());
                self.exec_block(frame, &class.body);
                let attributes = frame.scopes.pop().unwrap_or_default();
                let name = class.name.id.to_string();
                self.bind(
                    frame,
                    &name,
                    Value::Class(name.clone(), std::rc::Rc::new(attributes)),
                );
            }
            Stmt::If(if_stmt) => return self.exec_if(frame, if_stmt),
            Stmt::For(for_stmt) => return self.exec_for(frame, for_stmt),
            Stmt::While(while_stmt) => {
                let test = self.eval(frame, &while_stmt.test);
                if truthiness(&test) == Some(false) {
                    return self.exec_block(frame, &while_stmt.orelse);
                }
                let reason = Unresolved {
                    reason: "constructed in a `while` loop, which tecton-preflight does not run"
                        .into(),
                    span: self.span(frame.module, while_stmt.test.range()),
                };
                self.context.push(reason);
                let flow = self.exec_block(frame, &while_stmt.body);
                self.context.pop();
                if let Flow::Return(v) = flow {
                    return Flow::Return(v);
                }
                self.exec_block(frame, &while_stmt.orelse);
            }
            Stmt::Try(try_stmt) => {
                let reported = self.diagnostics.len();
                let flow = self.exec_block(frame, &try_stmt.body);
                // A `raise` statement in the body stops it as an exception does.
                let raised = self.raising || matches!(flow, Flow::Stop);
                if raised && !try_stmt.handlers.is_empty() {
                    // Caught: what raised is not a failure of the module (the common
                    // `try: from tecton import X / except ImportError:` pattern), and the first
                    // handler runs.
                    self.raising = false;
                    self.diagnostics.truncate(reported);
                    let ast::ExceptHandler::ExceptHandler(handler) = &try_stmt.handlers[0];
                    let flow = self.exec_block(frame, &handler.body);
                    if !matches!(flow, Flow::Normal) {
                        return flow;
                    }
                    return self.exec_block(frame, &try_stmt.finalbody);
                }
                if !matches!(flow, Flow::Normal) {
                    // `finally` runs on the way out, whatever stopped the body.
                    if !self.raising {
                        let cleanup = self.exec_block(frame, &try_stmt.finalbody);
                        if !matches!(cleanup, Flow::Normal) {
                            return cleanup;
                        }
                    }
                    return flow;
                }
                let flow = self.exec_block(frame, &try_stmt.orelse);
                if !matches!(flow, Flow::Normal) {
                    return flow;
                }
                return self.exec_block(frame, &try_stmt.finalbody);
            }
            Stmt::With(with) => {
                for item in &with.items {
                    let value = self.eval(frame, &item.context_expr);
                    if let Some(target) = &item.optional_vars {
                        let unknown =
                            self.unknown(frame.module, item.range, "the value of a `with` block");
                        let _ = value;
                        self.assign(frame, target, unknown);
                    }
                }
                return self.exec_block(frame, &with.body);
            }
            Stmt::Match(match_stmt) => {
                self.eval(frame, &match_stmt.subject);
                let reason = Unresolved {
                    reason: "constructed in a `match` case, which tecton-preflight cannot decide"
                        .into(),
                    span: self.span(frame.module, match_stmt.subject.range()),
                };
                self.context.push(reason);
                for case in &match_stmt.cases {
                    if let Flow::Return(v) = self.exec_block(frame, &case.body) {
                        self.context.pop();
                        return Flow::Return(v);
                    }
                }
                self.context.pop();
            }
            Stmt::Return(ret) => {
                let value = match &ret.value {
                    Some(value) => self.eval(frame, value),
                    None => Value::None,
                };
                return Flow::Return(value);
            }
            Stmt::Break(_) => return Flow::Break,
            Stmt::Continue(_) => return Flow::Continue,
            Stmt::Raise(_) => return Flow::Stop,
            _ => {}
        }
        Flow::Normal
    }

    fn assign(&mut self, frame: &mut Frame<'a>, target: &'a Expr, value: Value<'a>) {
        match target {
            Expr::Name(name) => self.bind(frame, name.id.as_str(), value),
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                match value {
                    Value::List(items) if items.len() == elts.len() => {
                        for (elt, item) in elts.iter().zip(items) {
                            self.assign(frame, elt, item);
                        }
                    }
                    other => {
                        for elt in elts {
                            let unknown = match &other {
                                Value::Unknown(u) => Value::Unknown(u.clone()),
                                _ => self.unknown(
                                    frame.module,
                                    elt.range(),
                                    "unpacked from a value of unknown shape",
                                ),
                            };
                            self.assign(frame, elt, unknown);
                        }
                    }
                }
            }
            Expr::Starred(starred) => {
                let unknown = self.unknown(frame.module, starred.range, "a starred assignment");
                self.assign(frame, &starred.value, unknown);
            }
            Expr::Subscript(subscript) => {
                let key = self.eval(frame, &subscript.slice);
                if let Expr::Name(name) = &*subscript.value {
                    self.mutate_name(frame, name, Mutation::Set(key, value), subscript.range);
                }
            }
            _ => {}
        }
    }

    /// `X.update(...)`, `X.setdefault(k, v)`, `X.pop(k)`, `L.append(v)`, `L.extend(...)` as a
    /// statement, on a dict or list this interpreter holds: the name's value changes. `false` when
    /// the statement is not such a call (it is then evaluated as any other expression).
    fn exec_mutating_call(&mut self, frame: &mut Frame<'a>, expr: &'a Expr) -> bool {
        let Expr::Call(call) = expr else { return false };
        let Expr::Attribute(attr) = &*call.func else {
            return false;
        };
        let Expr::Name(name) = &*attr.value else {
            return false;
        };
        let method = attr.attr.id.as_str();
        // Methods that change nothing are ordinary expressions (evaluated once, by the caller).
        if matches!(
            method,
            "get" | "keys" | "values" | "items" | "copy" | "index" | "count"
        ) {
            return false;
        }
        let current = self.lookup(frame, name.id.as_str(), name.range);
        if !matches!(current, Value::Dict(_) | Value::List(_)) {
            return false;
        }
        let mut args: Vec<Value<'a>> = call
            .arguments
            .args
            .iter()
            .map(|a| self.eval(frame, a))
            .collect();
        let keywords: Vec<(Value<'a>, Value<'a>)> = call
            .arguments
            .keywords
            .iter()
            .map(|k| {
                let value = self.eval(frame, &k.value);
                let key = match &k.arg {
                    Some(n) => Value::Str(n.id.to_string(), self.span(frame.module, k.range)),
                    None => Value::Other("**".into()),
                };
                (key, value)
            })
            .collect();
        if keywords.iter().any(|(k, _)| matches!(k, Value::Other(_))) {
            return self.give_up_mutation(frame, name, call.range());
        }
        let change = match (method, args.len()) {
            ("update", 0 | 1) if matches!(current, Value::Dict(_)) => {
                let mut items = match args.pop() {
                    Some(Value::Dict(items)) => items,
                    None => Vec::new(),
                    Some(_) => return self.give_up_mutation(frame, name, call.range()),
                };
                items.extend(keywords);
                Mutation::Update(Value::Dict(items))
            }
            ("extend", 1) => match args.pop() {
                Some(Value::List(items)) => Mutation::Update(Value::List(items)),
                _ => return self.give_up_mutation(frame, name, call.range()),
            },
            ("setdefault", 2) => {
                let value = args.pop().unwrap_or(Value::None);
                let key = args.pop().unwrap_or(Value::None);
                Mutation::SetDefault(key, value)
            }
            ("pop", 1 | 2) => Mutation::Remove(args.swap_remove(0)),
            ("append", 1) => Mutation::Append(args.pop().unwrap_or(Value::None)),
            _ => return self.give_up_mutation(frame, name, call.range()),
        };
        self.mutate_name(frame, name, change, call.range());
        true
    }

    /// A dict or list changed by a call this interpreter does not follow: its value is unknown.
    fn give_up_mutation(
        &mut self,
        frame: &mut Frame<'a>,
        name: &ast::ExprName,
        range: TextRange,
    ) -> bool {
        let unknown = self.unknown(
            frame.module,
            range,
            format!(
                "`{}` is changed by a call tecton-preflight does not follow",
                name.id
            ),
        );
        self.rebind_existing(frame, name.id.as_str(), unknown);
        true
    }

    fn exec_if(&mut self, frame: &mut Frame<'a>, if_stmt: &'a ast::StmtIf) -> Flow<'a> {
        let mut branches: Vec<(Option<&'a Expr>, &'a [Stmt])> =
            vec![(Some(&*if_stmt.test), &if_stmt.body)];
        for clause in &if_stmt.elif_else_clauses {
            branches.push((clause.test.as_ref(), &clause.body));
        }
        let mut undecided: Vec<&'a [Stmt]> = Vec::new();
        let mut reason: Option<Unresolved> = None;
        for (test, body) in branches {
            let verdict = match test {
                Some(test) => {
                    let value = self.eval(frame, test);
                    match truthiness(&value) {
                        Some(v) => Some(v),
                        None => {
                            if reason.is_none() {
                                reason = Some(Unresolved {
                                    reason: format!(
                                        "constructed under `if {}`, a condition tecton-preflight cannot decide",
                                        self.text(frame.module, test.range())
                                    ),
                                    span: self.span(frame.module, test.range()),
                                });
                            }
                            None
                        }
                    }
                }
                None => Some(true),
            };
            match verdict {
                Some(true) if undecided.is_empty() => return self.exec_block(frame, body),
                Some(true) => {
                    undecided.push(body);
                    break;
                }
                Some(false) => {}
                None => undecided.push(body),
            }
        }
        if let Some(reason) = reason {
            self.context.push(reason);
            for body in undecided {
                if let Flow::Return(v) = self.exec_block(frame, body) {
                    self.context.pop();
                    return Flow::Return(v);
                }
            }
            self.context.pop();
        }
        Flow::Normal
    }

    fn exec_for(&mut self, frame: &mut Frame<'a>, for_stmt: &'a ast::StmtFor) -> Flow<'a> {
        let iterable = self.eval(frame, &for_stmt.iter);
        match iterable_items(&iterable) {
            Some(items) if items.len() <= MAX_UNROLL => {
                for item in items {
                    if !self.spend(frame.module, for_stmt.iter.range()) {
                        return Flow::Normal;
                    }
                    self.assign(frame, &for_stmt.target, item);
                    match self.exec_block(frame, &for_stmt.body) {
                        Flow::Normal | Flow::Continue => {}
                        Flow::Break => return Flow::Normal,
                        other => return other,
                    }
                }
                self.exec_block(frame, &for_stmt.orelse)
            }
            _ => {
                let reason = Unresolved {
                    reason: format!(
                        "constructed in a loop over `{}`, whose items tecton-preflight cannot know",
                        self.text(frame.module, for_stmt.iter.range())
                    ),
                    span: self.span(frame.module, for_stmt.iter.range()),
                };
                let unknown = Value::Unknown(reason.clone());
                self.assign(frame, &for_stmt.target, unknown);
                self.context.push(reason);
                let flow = self.exec_block(frame, &for_stmt.body);
                self.context.pop();
                match flow {
                    Flow::Return(v) => Flow::Return(v),
                    _ => Flow::Normal,
                }
            }
        }
    }

    fn exec_function_def(&mut self, frame: &mut Frame<'a>, def: &'a ast::StmtFunctionDef) {
        // Decorators are evaluated top to bottom and applied bottom to top; the Tecton one is the
        // one that constructs the object, whatever wraps it.
        let decorators: Vec<(Value<'a>, &ast::Decorator)> = def
            .decorator_list
            .iter()
            .map(|d| (self.eval(frame, &d.expression), d))
            .collect();
        let name = def.name.id.to_string();
        let mut value = Value::Function(frame.module, def);
        for (decorator, node) in decorators.into_iter().rev() {
            let pending = match decorator {
                Value::Decorator(pending) => Some(*pending),
                Value::External(q) => match tecton_constructor(&q) {
                    Some((kind, Form::Decorator)) => Some(PendingDecorator {
                        kind,
                        call: CallArgs::default(),
                        span: self.span(frame.module, node.range),
                    }),
                    _ => None,
                },
                _ => None,
            };
            if let Some(mut pending) = pending {
                // The object is shown at `@batch_feature_view`, not the whole argument list.
                let callee = match &node.expression {
                    Expr::Call(call) => call.func.range(),
                    other => other.range(),
                };
                pending.span = self.span(
                    frame.module,
                    TextRange::new(node.range.start(), callee.end()),
                );
                let function_name = (name.clone(), self.span(frame.module, def.name.range));
                let modes = self.pipeline_modes(frame, def);
                value = self.construct(
                    frame,
                    pending.kind,
                    Form::Decorator,
                    pending.call,
                    pending.span,
                    Some(function_name),
                    modes,
                );
                if let Value::Object(index) = value {
                    self.record_function_code(frame.module, def, index);
                }
            }
        }
        self.bind(frame, &name, value);
    }

    /// The modes of the transformations a `mode="pipeline"` function calls.
    fn pipeline_modes(&mut self, frame: &Frame<'a>, def: &'a ast::StmtFunctionDef) -> Vec<String> {
        let mut modes = Vec::new();
        let mut calls = Vec::new();
        for stmt in &def.body {
            collect_called_names(stmt, &mut calls);
        }
        for (name, range) in calls {
            if let Value::Object(index) = self.lookup(frame, &name, range) {
                let object = &self.objects[index];
                if object.kind == Kind::Transformation {
                    if let Some(mode) = object.arg("mode").and_then(|a| a.value.as_str()) {
                        modes.push(mode.to_string());
                    }
                }
            }
        }
        modes
    }

    // ---------------------------------------------------------------------------------------------
    // objects

    #[allow(clippy::too_many_arguments)]
    fn construct(
        &mut self,
        frame: &Frame<'a>,
        kind: Kind,
        form: Form,
        call: CallArgs<'a>,
        span: Span,
        function: Option<(String, Span)>,
        pipeline_modes: Vec<String>,
    ) -> Value<'a> {
        if self.raising {
            // Evaluating an argument raised: the constructor is never called.
            return Value::Unknown(Unresolved {
                reason: "an argument raised an exception".into(),
                span,
            });
        }
        let mut args: Vec<(String, Arg)> = Vec::new();
        for (key, value, arg_span) in &call.keywords {
            args.push((
                key.clone(),
                Arg {
                    value: self.to_py(value),
                    span: arg_span.clone(),
                },
            ));
        }
        // Constructors whose first positional parameter is the name (`Entity("user", ...)` in
        // older SDKs) still name the object.
        if form == Form::Class && !args.iter().any(|(k, _)| k == "name") {
            if let Some((value, arg_span)) = call.positional.first() {
                if matches!(value, Value::Str(..)) {
                    args.push((
                        "name".into(),
                        Arg {
                            value: self.to_py(value),
                            span: arg_span.clone(),
                        },
                    ));
                }
            }
        }
        let lookup = |key: &str| args.iter().rev().find(|(k, _)| k == key).map(|(_, a)| a);
        let name = match lookup("name") {
            // Decorators name the object `name or function.__name__`: an empty name falls back.
            Some(Arg {
                value: PyValue::Str(s, _),
                span,
            }) => match &function {
                Some(function) if s.is_empty() => Ok(function.clone()),
                _ => Ok((s.clone(), span.clone())),
            },
            Some(Arg {
                value: PyValue::Unknown(u),
                ..
            }) => Err(u.clone()),
            Some(Arg {
                value: PyValue::None,
                ..
            })
            | None => match (&function, &call.spread) {
                (_, Some(spread)) => Err(Unresolved {
                    reason: format!("`name` may come from a `**` expansion: {}", spread.reason),
                    span: spread.span.clone(),
                }),
                (Some(function), None) => Ok(function.clone()),
                (None, None) => Err(Unresolved {
                    reason: "no `name=` is given".into(),
                    span: span.clone(),
                }),
            },
            Some(Arg { value, span }) => Err(Unresolved {
                reason: format!("`name` is {}, not a string", value.render()),
                span: span.clone(),
            }),
        };
        // A decorator wraps its function in a Transformation named after the view; the class form
        // does the same for its `feature_view_function`. Pipeline mode uses the user's own.
        let wraps_function = form == Form::Decorator || lookup("feature_view_function").is_some();
        let implicit_transformation = wraps_function
            && matches!(
                kind,
                Kind::BatchFeatureView
                    | Kind::StreamFeatureView
                    | Kind::OnDemandFeatureView
                    | Kind::RealtimeFeatureView
            )
            && lookup("mode").and_then(|a| a.value.as_str()) != Some("pipeline");
        let object = RawObject {
            kind,
            name: name.clone(),
            file: self.modules[frame.module].path.clone(),
            span: span.clone(),
            args: args.clone(),
            spread: call.spread.clone(),
            context: self.context.last().cloned(),
            implicit: false,
            pipeline_modes,
            function: function.as_ref().map(|(n, _)| n.clone()),
            code: None,
        };
        self.objects.push(object);
        let index = self.objects.len() - 1;
        if implicit_transformation {
            let mode: Vec<(String, Arg)> = args.into_iter().filter(|(k, _)| k == "mode").collect();
            self.objects.push(RawObject {
                kind: Kind::Transformation,
                name,
                file: self.modules[frame.module].path.clone(),
                span,
                args: mode,
                spread: None,
                context: self.context.last().cloned(),
                implicit: true,
                pipeline_modes: Vec::new(),
                function: None,
                code: None,
            });
        }
        Value::Object(index)
    }

    /// What Tecton serializes for a function (`function_serialization._getsource`): its source from
    /// `def` on, after the repository's functions it uses and `name=value` for the constants it
    /// reads. A change to any of them changes the transformation Tecton registers.
    fn function_code(&self, module: usize, def: &ast::StmtFunctionDef) -> String {
        let mut seen = Vec::new();
        let mut lines = Vec::new();
        self.function_code_into(module, def, &mut seen, &mut lines);
        lines.join("\n")
    }

    fn function_code_into(
        &self,
        module: usize,
        def: &ast::StmtFunctionDef,
        seen: &mut Vec<(usize, TextRange)>,
        lines: &mut Vec<String>,
    ) {
        if seen.contains(&(module, def.range)) || seen.len() > 64 {
            return;
        }
        seen.push((module, def.range));
        let text = &self.modules[module].text;
        let source = text
            .get(def.range.start().to_usize()..def.range.end().to_usize())
            .unwrap_or_default();
        let source = source.find("def ").map_or(source, |at| &source[at..]);
        let globals = &self.states[module].globals;
        for name in collect_loaded_names(def) {
            match globals.get(name.as_str()) {
                Some(Value::Function(m, f)) => self.function_code_into(*m, f, seen, lines),
                Some(
                    value @ (Value::Str(..)
                    | Value::Int(_)
                    | Value::Float(_)
                    | Value::Bool(_)
                    | Value::None
                    | Value::List(_)
                    | Value::Dict(_)),
                ) => lines.push(format!("{name}={}", self.to_py(value).render())),
                _ => {}
            }
        }
        lines.push(source.to_string());
    }

    /// The code a decorated function gives its object, for the plan: a feature view's `pipeline`
    /// and the `user_function` of its Transformation (or of an `@transformation`).
    fn record_function_code(&mut self, module: usize, def: &ast::StmtFunctionDef, index: usize) {
        let text = self.function_text(module, def);
        let span = self.span(module, def.name.range);
        for at in index..self.objects.len().min(index + 2) {
            let object = &mut self.objects[at];
            if at > index && !object.implicit {
                break;
            }
            let field = if object.kind == Kind::Transformation {
                "user_function"
            } else {
                "pipeline"
            };
            object.code = Some((field, text.clone(), span.clone()));
        }
    }

    /// `function name (code 1a2b3c4d)`: the function and a digest of what Tecton serializes for it.
    fn function_text(&self, module: usize, def: &ast::StmtFunctionDef) -> String {
        format!(
            "function {} (code {})",
            def.name.id,
            digest(&self.function_code(module, def))
        )
    }

    fn to_py(&self, value: &Value<'a>) -> PyValue {
        match value {
            Value::Str(s, span) => PyValue::Str(s.clone(), span.clone()),
            Value::Int(i) => PyValue::Int(*i),
            Value::Float(f) => PyValue::Float(*f),
            Value::Bool(b) => PyValue::Bool(*b),
            Value::None => PyValue::None,
            Value::List(items) => PyValue::List(items.iter().map(|v| self.to_py(v)).collect()),
            Value::Dict(items) => {
                let mut out = Vec::new();
                for (k, v) in items {
                    match k {
                        Value::Str(k, _) => out.push((k.clone(), self.to_py(v))),
                        _ => return PyValue::Other("a dict".into()),
                    }
                }
                PyValue::Dict(out)
            }
            Value::Module(i) => PyValue::Other(format!("module {}", self.modules[*i].name)),
            Value::External(q) => PyValue::Symbol(q.clone()),
            Value::Object(i) => {
                let object = &self.objects[*i];
                PyValue::Object {
                    kind: object.kind,
                    name: object.name.as_ref().ok().map(|(n, _)| n.clone()),
                }
            }
            Value::Decorator(_) => PyValue::Other("a decorator".into()),
            Value::Function(module, def) => PyValue::Other(self.function_text(*module, def)),
            Value::Class(name, _) => PyValue::Other(format!("class {name}")),
            Value::Method(_, name) => PyValue::Other(format!("method {name}")),
            Value::Call(callee, args, kwargs) => PyValue::Call {
                callee: callee.clone(),
                args: args.iter().map(|v| self.to_py(v)).collect(),
                kwargs: kwargs
                    .iter()
                    .map(|(k, v)| (k.clone(), self.to_py(v)))
                    .collect(),
            },
            Value::Other(s) => PyValue::Other(s.clone()),
            Value::Unknown(u) => PyValue::Unknown(u.clone()),
        }
    }

    // ---------------------------------------------------------------------------------------------
    // expressions

    fn eval(&mut self, frame: &mut Frame<'a>, expr: &'a Expr) -> Value<'a> {
        if self.eval_depth >= MAX_EVAL_DEPTH {
            return self.unknown(
                frame.module,
                expr.range(),
                "an expression nested too deeply",
            );
        }
        self.eval_depth += 1;
        let value = self.eval_inner(frame, expr);
        self.eval_depth -= 1;
        // Python shares values by reference; here they are copies, so `L = [L, L]` repeated
        // would double memory each time. A value past the limit is given up on instead.
        let compound = matches!(
            expr,
            Expr::List(_)
                | Expr::Tuple(_)
                | Expr::Set(_)
                | Expr::Dict(_)
                | Expr::BinOp(_)
                | Expr::ListComp(_)
                | Expr::SetComp(_)
                | Expr::DictComp(_)
                | Expr::Call(_)
                | Expr::FString(_)
        );
        if compound && weight(&value, MAX_VALUE_WEIGHT) > MAX_VALUE_WEIGHT {
            return self.unknown(
                frame.module,
                expr.range(),
                "a value too large to follow statically",
            );
        }
        value
    }

    fn eval_inner(&mut self, frame: &mut Frame<'a>, expr: &'a Expr) -> Value<'a> {
        let module = frame.module;
        match expr {
            Expr::StringLiteral(s) => {
                Value::Str(s.value.to_str().to_string(), self.span(module, s.range))
            }
            Expr::BooleanLiteral(b) => Value::Bool(b.value),
            Expr::NoneLiteral(_) => Value::None,
            Expr::NumberLiteral(n) => match &n.value {
                Number::Int(i) => i
                    .as_i64()
                    .map_or_else(|| Value::Other("a large integer".into()), Value::Int),
                Number::Float(f) => Value::Float(*f),
                Number::Complex { .. } => Value::Other("a complex number".into()),
            },
            Expr::FString(f) => self.eval_fstring(frame, f),
            Expr::Name(name) => self.lookup(frame, name.id.as_str(), name.range),
            Expr::Attribute(attr) => {
                let base = self.eval(frame, &attr.value);
                let name = attr.attr.id.as_str();
                match base {
                    Value::Module(index) => {
                        let value = self.import_from_local(index, name, frame, attr.range, true);
                        if let Value::Unknown(_) = value {
                            return self.unknown(
                                module,
                                attr.range,
                                format!(
                                    "`{}` is not a top-level name of `{}`",
                                    name, self.modules[index].name
                                ),
                            );
                        }
                        value
                    }
                    Value::External(q) => {
                        if let Some(Api { api, minor }) = self.api {
                            if let Import::NoName = api.import(&q, Some(name)) {
                                let span = self.span(module, attr.range);
                                self.raise(
                                    Diagnostic::new(
                                        "TP001",
                                        format!("Tecton cannot import this file: module `{q}` has no attribute `{name}` in SDK {minor} (AttributeError)"),
                                    )
                                    .at(span)
                                    .with_help(
                                        crate::sdk::api::history(&q, name, minor)
                                            .unwrap_or_else(|| format!("check the names of `{q}` in SDK {minor}")),
                                    ),
                                );
                            }
                        }
                        Value::External(format!("{q}.{name}"))
                    }
                    Value::Class(class, attributes) => match attributes.get(name) {
                        Some(value) => value.clone(),
                        None => self.unknown(
                            module,
                            attr.range,
                            format!("`{name}` is not set in the body of class `{class}`"),
                        ),
                    },
                    Value::Unknown(u) => Value::Unknown(u),
                    base @ (Value::Str(..) | Value::Dict(_)) if is_known_method(&base, name) => {
                        Value::Method(Box::new(base), name.to_string())
                    }
                    _ => self.unknown(
                        module,
                        attr.range,
                        format!("the attribute `{}`", self.text(module, attr.range)),
                    ),
                }
            }
            Expr::List(list) => self.eval_sequence(frame, &list.elts, list.range),
            Expr::Tuple(tuple) => self.eval_sequence(frame, &tuple.elts, tuple.range),
            Expr::Set(set) => self.eval_sequence(frame, &set.elts, set.range),
            Expr::Dict(dict) => {
                let mut items = Vec::new();
                for item in &dict.items {
                    match &item.key {
                        Some(key) => {
                            let k = self.eval(frame, key);
                            let v = self.eval(frame, &item.value);
                            items.push((k, v));
                        }
                        None => match self.eval(frame, &item.value) {
                            Value::Dict(inner) => items.extend(inner),
                            Value::Unknown(u) => return Value::Unknown(u),
                            _ => {
                                return self.unknown(
                                    module,
                                    item.value.range(),
                                    "a `**` expansion of something that is not a dict",
                                )
                            }
                        },
                    }
                }
                Value::Dict(items)
            }
            Expr::BinOp(bin) => {
                let left = self.eval(frame, &bin.left);
                let right = self.eval(frame, &bin.right);
                self.binary(frame, bin.op, left, right, bin.range)
            }
            Expr::UnaryOp(unary) => {
                let operand = self.eval(frame, &unary.operand);
                match (unary.op, operand) {
                    (UnaryOp::Not, v) => match truthiness(&v) {
                        Some(b) => Value::Bool(!b),
                        None => self.unknown(
                            module,
                            unary.range,
                            format!("`{}`", self.text(module, unary.range)),
                        ),
                    },
                    (UnaryOp::USub, Value::Int(i)) => Value::Int(i.wrapping_neg()),
                    (UnaryOp::USub, Value::Float(f)) => Value::Float(-f),
                    (UnaryOp::UAdd, v @ (Value::Int(_) | Value::Float(_))) => v,
                    (_, Value::Unknown(u)) => Value::Unknown(u),
                    _ => self.unknown(
                        module,
                        unary.range,
                        format!("`{}`", self.text(module, unary.range)),
                    ),
                }
            }
            Expr::BoolOp(bool_op) => {
                let mut last = Value::None;
                for value in &bool_op.values {
                    last = self.eval(frame, value);
                    match (bool_op.op, truthiness(&last)) {
                        (BoolOp::And, Some(false)) | (BoolOp::Or, Some(true)) => return last,
                        (_, Some(_)) => {}
                        (_, None) => {
                            return self.unknown(
                                module,
                                bool_op.range,
                                format!("`{}`", self.text(module, bool_op.range)),
                            )
                        }
                    }
                }
                last
            }
            Expr::Compare(compare) => {
                let mut left = self.eval(frame, &compare.left);
                for (op, right_expr) in compare.ops.iter().zip(compare.comparators.iter()) {
                    let right = self.eval(frame, right_expr);
                    let verdict = match (op, equal(&left, &right)) {
                        (CmpOp::Eq, Some(e)) => Some(e),
                        (CmpOp::NotEq, Some(e)) => Some(!e),
                        _ => None,
                    };
                    match verdict {
                        Some(true) => left = right,
                        Some(false) => return Value::Bool(false),
                        None => {
                            return self.unknown(
                                module,
                                compare.range,
                                format!("`{}`", self.text(module, compare.range)),
                            )
                        }
                    }
                }
                Value::Bool(true)
            }
            Expr::If(if_expr) => {
                let test = self.eval(frame, &if_expr.test);
                match truthiness(&test) {
                    Some(true) => self.eval(frame, &if_expr.body),
                    Some(false) => self.eval(frame, &if_expr.orelse),
                    None => {
                        self.eval(frame, &if_expr.body);
                        self.eval(frame, &if_expr.orelse);
                        self.unknown(
                            module,
                            if_expr.range,
                            format!("`{}`", self.text(module, if_expr.range)),
                        )
                    }
                }
            }
            Expr::Subscript(sub) => {
                let base = self.eval(frame, &sub.value);
                let index = self.eval(frame, &sub.slice);
                match (&base, &index) {
                    (Value::Dict(items), _) => items
                        .iter()
                        .rev()
                        .find(|(k, _)| equal(k, &index) == Some(true))
                        .map(|(_, v)| v.clone())
                        .unwrap_or_else(|| {
                            self.unknown(
                                module,
                                sub.range,
                                format!("`{}`", self.text(module, sub.range)),
                            )
                        }),
                    (Value::List(items), Value::Int(i)) => {
                        let len = items.len() as i64;
                        let i = if *i < 0 { len + i } else { *i };
                        usize::try_from(i)
                            .ok()
                            .and_then(|i| items.get(i).cloned())
                            .unwrap_or_else(|| {
                                self.unknown(module, sub.range, "an index out of range")
                            })
                    }
                    (Value::Unknown(u), _) => Value::Unknown(u.clone()),
                    (Value::External(q), _) if q.starts_with("os.environ") => self.unknown(
                        module,
                        sub.range,
                        format!(
                            "`{}` is read from the environment when Tecton imports the file",
                            self.text(module, sub.range)
                        ),
                    ),
                    (Value::Object(_), _) => {
                        Value::Other(format!("`{}`", self.text(module, sub.range)))
                    }
                    _ => self.unknown(
                        module,
                        sub.range,
                        format!("`{}`", self.text(module, sub.range)),
                    ),
                }
            }
            Expr::Call(call) => self.eval_call(frame, call),
            Expr::ListComp(comp) => {
                self.eval_comprehension(frame, &comp.generators, &comp.elt, None, comp.range)
            }
            Expr::SetComp(comp) => {
                self.eval_comprehension(frame, &comp.generators, &comp.elt, None, comp.range)
            }
            Expr::Generator(comp) => {
                self.eval_comprehension(frame, &comp.generators, &comp.elt, None, comp.range)
            }
            Expr::DictComp(comp) => match comp.key.as_deref() {
                Some(key) => self.eval_comprehension(
                    frame,
                    &comp.generators,
                    key,
                    Some(&comp.value),
                    comp.range,
                ),
                None => self.unknown(module, comp.range, "a dict comprehension"),
            },
            Expr::Lambda(_) => Value::Other("a lambda".into()),
            Expr::Named(named) => {
                let value = self.eval(frame, &named.value);
                self.assign(frame, &named.target, value.clone());
                value
            }
            Expr::Starred(starred) => self.eval(frame, &starred.value),
            Expr::EllipsisLiteral(_) => Value::Other("...".into()),
            Expr::BytesLiteral(_) => Value::Other("bytes".into()),
            _ => self.unknown(
                module,
                expr.range(),
                format!("`{}`", self.text(module, expr.range())),
            ),
        }
    }

    fn eval_sequence(
        &mut self,
        frame: &mut Frame<'a>,
        elts: &'a [Expr],
        range: TextRange,
    ) -> Value<'a> {
        let mut items = Vec::with_capacity(elts.len());
        let mut unknown = None;
        for elt in elts {
            let value = self.eval(frame, elt);
            match (elt, value) {
                (Expr::Starred(_), Value::List(inner)) => items.extend(inner),
                (Expr::Starred(_), other) => {
                    unknown.get_or_insert(match other {
                        Value::Unknown(u) => Value::Unknown(u),
                        _ => {
                            self.unknown(frame.module, range, "a starred element of unknown length")
                        }
                    });
                }
                (_, value) => items.push(value),
            }
        }
        unknown.unwrap_or(Value::List(items))
    }

    fn eval_fstring(&mut self, frame: &mut Frame<'a>, f: &'a ast::ExprFString) -> Value<'a> {
        let module = frame.module;
        let mut out = String::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(lit) => out.push_str(&lit.value),
                ast::FStringPart::FString(fstring) => {
                    for element in fstring.elements.iter() {
                        match element {
                            InterpolatedStringElement::Literal(lit) => out.push_str(&lit.value),
                            InterpolatedStringElement::Interpolation(inner) => {
                                let value = self.eval(frame, &inner.expression);
                                if inner.format_spec.is_some()
                                    || inner.conversion != ast::ConversionFlag::None
                                {
                                    return self.unknown(
                                        module,
                                        inner.range,
                                        "an f-string field with a format or conversion",
                                    );
                                }
                                match value {
                                    Value::Str(s, _) => out.push_str(&s),
                                    Value::Int(i) => out.push_str(&i.to_string()),
                                    Value::Bool(b) => {
                                        out.push_str(if b { "True" } else { "False" })
                                    }
                                    Value::None => out.push_str("None"),
                                    Value::Unknown(u) => return Value::Unknown(u),
                                    _ => {
                                        return self.unknown(
                                            module,
                                            inner.range,
                                            format!(
                                                "the f-string field `{}`",
                                                self.text(module, inner.expression.range())
                                            ),
                                        )
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        Value::Str(out, self.span(module, f.range))
    }

    fn binary(
        &mut self,
        frame: &Frame<'a>,
        op: Operator,
        left: Value<'a>,
        right: Value<'a>,
        range: TextRange,
    ) -> Value<'a> {
        let module = frame.module;
        match (op, left, right) {
            (Operator::Add, Value::Str(a, _), Value::Str(b, _)) => {
                Value::Str(a + &b, self.span(module, range))
            }
            (Operator::Add, Value::Int(a), Value::Int(b)) => Value::Int(a.wrapping_add(b)),
            (Operator::Sub, Value::Int(a), Value::Int(b)) => Value::Int(a.wrapping_sub(b)),
            (Operator::Mult, Value::Int(a), Value::Int(b)) => Value::Int(a.wrapping_mul(b)),
            (Operator::Add, Value::List(mut a), Value::List(b)) => {
                a.extend(b);
                Value::List(a)
            }
            (Operator::BitOr, Value::Dict(mut a), Value::Dict(b)) => {
                a.extend(b);
                Value::Dict(a)
            }
            (_, Value::Unknown(u), _) | (_, _, Value::Unknown(u)) => Value::Unknown(u),
            _ => self.unknown(module, range, format!("`{}`", self.text(module, range))),
        }
    }

    fn eval_comprehension(
        &mut self,
        frame: &mut Frame<'a>,
        generators: &'a [ast::Comprehension],
        element: &'a Expr,
        value: Option<&'a Expr>,
        range: TextRange,
    ) -> Value<'a> {
        let mut results = Vec::new();
        frame.scopes.push(HashMap::new());
        let known = self.comprehend(frame, generators, element, value, &mut results);
        frame.scopes.pop();
        if !known {
            return self.unknown(
                frame.module,
                range,
                format!("the comprehension `{}`", self.text(frame.module, range)),
            );
        }
        match value {
            Some(_) => Value::Dict(
                results
                    .into_iter()
                    .map(|(k, v)| (k, v.unwrap_or(Value::None)))
                    .collect(),
            ),
            None => Value::List(results.into_iter().map(|(k, _)| k).collect()),
        }
    }

    /// Runs the comprehension's generators; false when an iterable or a condition is unknown (the
    /// element is then evaluated once, in an unknown-loop context, so its objects are still seen).
    #[allow(clippy::type_complexity)]
    fn comprehend(
        &mut self,
        frame: &mut Frame<'a>,
        generators: &'a [ast::Comprehension],
        element: &'a Expr,
        value: Option<&'a Expr>,
        results: &mut Vec<(Value<'a>, Option<Value<'a>>)>,
    ) -> bool {
        let Some((first, rest)) = generators.split_first() else {
            let k = self.eval(frame, element);
            let v = value.map(|v| self.eval(frame, v));
            results.push((k, v));
            return true;
        };
        let iterable = self.eval(frame, &first.iter);
        let items = match iterable_items(&iterable) {
            Some(items) if items.len() <= MAX_UNROLL => items,
            _ => {
                let reason = Unresolved {
                    reason: format!(
                        "constructed in a comprehension over `{}`, whose items tecton-preflight cannot know",
                        self.text(frame.module, first.iter.range())
                    ),
                    span: self.span(frame.module, first.iter.range()),
                };
                self.assign(frame, &first.target, Value::Unknown(reason.clone()));
                self.context.push(reason);
                self.comprehend(frame, rest, element, value, &mut Vec::new());
                self.context.pop();
                return false;
            }
        };
        for item in items {
            if !self.spend(frame.module, first.iter.range()) {
                return false;
            }
            self.assign(frame, &first.target, item);
            let mut keep = Some(true);
            for condition in &first.ifs {
                let verdict = self.eval(frame, condition);
                match truthiness(&verdict) {
                    Some(true) => {}
                    Some(false) => {
                        keep = Some(false);
                        break;
                    }
                    None => {
                        keep = None;
                        break;
                    }
                }
            }
            match keep {
                Some(true) => {
                    if !self.comprehend(frame, rest, element, value, results) {
                        return false;
                    }
                }
                Some(false) => {}
                None => return false,
            }
        }
        true
    }

    fn eval_args(&mut self, frame: &mut Frame<'a>, arguments: &'a ast::Arguments) -> CallArgs<'a> {
        let mut call = CallArgs::default();
        for arg in arguments.args.iter() {
            let span = self.span(frame.module, arg.range());
            match arg {
                Expr::Starred(starred) => match self.eval(frame, &starred.value) {
                    Value::List(items) => call
                        .positional
                        .extend(items.into_iter().map(|v| (v, span.clone()))),
                    _ => call.positional.push((
                        self.unknown(frame.module, starred.range, "a `*` expansion"),
                        span,
                    )),
                },
                _ => {
                    let value = self.eval(frame, arg);
                    call.positional.push((value, span));
                }
            }
        }
        for keyword in arguments.keywords.iter() {
            let span = self.span(frame.module, keyword.value.range());
            let value = self.eval(frame, &keyword.value);
            match &keyword.arg {
                Some(name) => call.keywords.push((name.id.to_string(), value, span)),
                None => match value {
                    Value::Dict(items) => {
                        // A dict holds each key once (a later one replaced an earlier one).
                        let first_of_this = call.keywords.len();
                        for (k, v) in items {
                            match k {
                                Value::Str(k, _) => {
                                    match call.keywords[first_of_this..]
                                        .iter_mut()
                                        .find(|(key, _, _)| *key == k)
                                    {
                                        Some(slot) => slot.1 = v,
                                        None => call.keywords.push((k, v, span.clone())),
                                    }
                                }
                                _ => {
                                    call.spread = Some(Unresolved {
                                        reason: format!(
                                            "`{}` has keys that are not strings",
                                            self.text(frame.module, keyword.range)
                                        ),
                                        span: span.clone(),
                                    })
                                }
                            }
                        }
                    }
                    Value::Unknown(u) => {
                        call.spread = Some(Unresolved {
                            reason: format!(
                                "`{}` is not known statically ({})",
                                self.text(frame.module, keyword.range),
                                u.reason
                            ),
                            span,
                        })
                    }
                    _ => {
                        call.spread = Some(Unresolved {
                            reason: format!(
                                "`{}` is not a dict tecton-preflight can read",
                                self.text(frame.module, keyword.range)
                            ),
                            span,
                        })
                    }
                },
            }
        }
        call
    }

    fn eval_call(&mut self, frame: &mut Frame<'a>, call: &'a ast::ExprCall) -> Value<'a> {
        let module = frame.module;
        let callee = self.eval(frame, &call.func);
        let args = self.eval_args(frame, &call.arguments);
        // A constructed object is shown at its class name (`FeatureTable`), on the call's first line.
        let span = self.span(module, call.func.range());
        match callee {
            Value::External(q) => {
                if let Some((kind, form)) = tecton_constructor(&q) {
                    if !self.check_signature(frame, &q, &args, &span) {
                        return self.unknown(module, call.range(), "a call that Tecton rejects");
                    }
                    return match form {
                        Form::Class => {
                            self.construct(frame, kind, form, args, span, None, Vec::new())
                        }
                        Form::Decorator => Value::Decorator(Box::new(PendingDecorator {
                            kind,
                            call: args,
                            span,
                        })),
                    };
                }
                match q.as_str() {
                    "builtins.dict" => {
                        let mut items = Vec::new();
                        for (value, _) in args.positional {
                            match value {
                                Value::Dict(inner) => items.extend(inner),
                                Value::Unknown(u) => return Value::Unknown(u),
                                _ => {
                                    return self.unknown(
                                        module,
                                        call.range(),
                                        "`dict(...)` of something that is not a dict",
                                    )
                                }
                            }
                        }
                        if let Some(spread) = args.spread {
                            return Value::Unknown(spread);
                        }
                        for (k, v, span) in args.keywords {
                            items.push((Value::Str(k, span), v));
                        }
                        Value::Dict(items)
                    }
                    "builtins.list" | "builtins.tuple" | "builtins.sorted" => {
                        match args.positional.into_iter().next() {
                            Some((value, _)) => match iterable_items(&value) {
                                Some(items) if q == "builtins.sorted" => sort_values(items)
                                    .unwrap_or_else(|| {
                                        self.unknown(module, call.range(), "a sort of mixed values")
                                    }),
                                Some(items) => Value::List(items),
                                None => match value {
                                    Value::Unknown(u) => Value::Unknown(u),
                                    _ => self.unknown(
                                        module,
                                        call.range(),
                                        format!("`{}`", self.text(module, call.range())),
                                    ),
                                },
                            },
                            None => Value::List(Vec::new()),
                        }
                    }
                    "builtins.str" => match args.positional.into_iter().next() {
                        Some((Value::Str(s, span), _)) => Value::Str(s, span),
                        Some((Value::Int(i), _)) => Value::Str(i.to_string(), span),
                        _ => self.unknown(
                            module,
                            call.range(),
                            format!("`{}`", self.text(module, call.range())),
                        ),
                    },
                    "builtins.range" => {
                        let ints: Vec<i64> = args
                            .positional
                            .iter()
                            .filter_map(|(v, _)| {
                                if let Value::Int(i) = v {
                                    Some(*i)
                                } else {
                                    None
                                }
                            })
                            .collect();
                        let (start, stop) = match ints.as_slice() {
                            [stop] if args.positional.len() == 1 => (0, *stop),
                            [start, stop] if args.positional.len() == 2 => (*start, *stop),
                            _ => {
                                return self.unknown(
                                    module,
                                    call.range(),
                                    format!("`{}`", self.text(module, call.range())),
                                )
                            }
                        };
                        if stop.saturating_sub(start) > MAX_UNROLL as i64 {
                            return self.unknown(
                                module,
                                call.range(),
                                "a range too long to unroll",
                            );
                        }
                        Value::List((start..stop).map(Value::Int).collect())
                    }
                    "builtins.zip" => {
                        let lists: Option<Vec<Vec<Value<'a>>>> = args
                            .positional
                            .iter()
                            .map(|(v, _)| iterable_items(v))
                            .collect();
                        match lists {
                            Some(lists) if !lists.is_empty() => {
                                let len = lists.iter().map(Vec::len).min().unwrap_or(0);
                                Value::List(
                                    (0..len)
                                        .map(|i| {
                                            Value::List(
                                                lists.iter().map(|l| l[i].clone()).collect(),
                                            )
                                        })
                                        .collect(),
                                )
                            }
                            _ => self.unknown(
                                module,
                                call.range(),
                                format!("`{}`", self.text(module, call.range())),
                            ),
                        }
                    }
                    "builtins.len" => {
                        match args.positional.first().and_then(|(v, _)| iterable_items(v)) {
                            Some(items) => Value::Int(items.len() as i64),
                            None => self.unknown(
                                module,
                                call.range(),
                                format!("`{}`", self.text(module, call.range())),
                            ),
                        }
                    }
                    "builtins.enumerate" => match args
                        .positional
                        .into_iter()
                        .next()
                        .and_then(|(v, _)| iterable_items(&v))
                    {
                        Some(items) => Value::List(
                            items
                                .into_iter()
                                .enumerate()
                                .map(|(i, v)| Value::List(vec![Value::Int(i as i64), v]))
                                .collect(),
                        ),
                        None => self.unknown(
                            module,
                            call.range(),
                            format!("`{}`", self.text(module, call.range())),
                        ),
                    },
                    "os.getenv" | "os.environ.get" | "os.environ.__getitem__" => self.unknown(
                        module,
                        call.range(),
                        format!(
                            "`{}` is read from the environment when Tecton imports the file",
                            self.text(module, call.range())
                        ),
                    ),
                    _ => {
                        if q.starts_with("builtins.") {
                            return self.unknown(
                                module,
                                call.range(),
                                format!("the result of `{}`", self.text(module, call.range())),
                            );
                        }
                        let positional = args.positional.into_iter().map(|(v, _)| v).collect();
                        let keywords = args.keywords.into_iter().map(|(k, v, _)| (k, v)).collect();
                        Value::Call(q, positional, keywords)
                    }
                }
            }
            Value::Decorator(pending) => {
                // `batch_feature_view(...)(function)`: applying a decorator by hand.
                let function = args.positional.first().and_then(|(v, _)| match v {
                    Value::Function(_, def) => {
                        Some((def.name.id.to_string(), self.span(module, def.name.range)))
                    }
                    _ => None,
                });
                self.construct(
                    frame,
                    pending.kind,
                    Form::Decorator,
                    pending.call,
                    span,
                    function,
                    Vec::new(),
                )
            }
            Value::Function(function_module, def) => {
                self.call_function(frame, function_module, def, args, call.range())
            }
            Value::Method(receiver, name) => call_method(*receiver, &name, args, span.clone())
                .unwrap_or_else(|| {
                    self.unknown(
                        module,
                        call.range(),
                        format!("the result of `{}`", self.text(module, call.range())),
                    )
                }),
            Value::Unknown(u) => Value::Unknown(u),
            Value::Object(_) => Value::Other(format!("`{}`", self.text(module, call.range()))),
            _ => self.unknown(
                module,
                call.range(),
                format!("the result of `{}`", self.text(module, call.range())),
            ),
        }
    }

    /// Follows a call of a function defined in the repository, with its parameters bound.
    fn call_function(
        &mut self,
        frame: &Frame<'a>,
        function_module: usize,
        def: &'a ast::StmtFunctionDef,
        args: CallArgs<'a>,
        range: TextRange,
    ) -> Value<'a> {
        if self.call_depth >= MAX_CALL_DEPTH {
            if !self.out_of_work {
                // Said once per module, as for the work budget: objects constructed deeper are
                // not known.
                self.out_of_work = true;
                let span = self.span(frame.module, range);
                self.diagnostics.push(
                    Diagnostic::new(
                        "TP002",
                        format!("tecton-preflight does not follow calls nested more than {MAX_CALL_DEPTH} deep: what this call constructs is not known"),
                    )
                    .at(span)
                    .with_help("construct the objects at a shallower depth, or list the file in .tectonignore if it defines no Tecton objects"),
                );
            }
            return self.unknown(frame.module, range, "calls nested too deeply to follow");
        }
        if !self.spend(frame.module, range) {
            return self.unknown(
                frame.module,
                range,
                "past the work tecton-preflight follows",
            );
        }
        let mut locals = HashMap::new();
        let params = &def.parameters;
        let positional_params: Vec<&ast::ParameterWithDefault> = params
            .posonlyargs
            .iter()
            .chain(params.args.iter())
            .collect();
        let mut positional = args.positional.into_iter();
        let mut callee_frame = Frame::module(function_module);
        for param in &positional_params {
            if let Some((value, _)) = positional.next() {
                locals.insert(param.parameter.name.id.to_string(), value);
            }
        }
        let rest: Vec<Value<'a>> = positional.map(|(v, _)| v).collect();
        if let Some(vararg) = &params.vararg {
            locals.insert(vararg.name.id.to_string(), Value::List(rest));
        }
        let mut extra = Vec::new();
        for (key, value, span) in args.keywords {
            let is_param = positional_params
                .iter()
                .copied()
                .chain(params.kwonlyargs.iter())
                .any(|p| p.parameter.name.id.as_str() == key);
            if is_param {
                locals.insert(key, value);
            } else {
                extra.push((Value::Str(key, span), value));
            }
        }
        if let Some(kwarg) = &params.kwarg {
            let value = match &args.spread {
                Some(spread) => Value::Unknown(spread.clone()),
                None => Value::Dict(extra),
            };
            locals.insert(kwarg.name.id.to_string(), value);
        }
        for param in positional_params
            .iter()
            .copied()
            .chain(params.kwonlyargs.iter())
        {
            let name = param.parameter.name.id.to_string();
            if locals.contains_key(&name) {
                continue;
            }
            let value = match (&param.default, &args.spread) {
                (_, Some(spread)) => Value::Unknown(spread.clone()),
                (Some(default), None) => self.eval(&mut callee_frame, default),
                (None, None) => self.unknown(
                    frame.module,
                    range,
                    format!("parameter `{name}` is not given"),
                ),
            };
            locals.insert(name, value);
        }
        callee_frame.locals = Some(locals);
        self.call_depth += 1;
        let flow = self.exec_block(&mut callee_frame, &def.body);
        self.call_depth -= 1;
        match flow {
            Flow::Return(value) => value,
            _ => Value::None,
        }
    }
}

/// Python truthiness, where it is known.
fn truthiness(value: &Value<'_>) -> Option<bool> {
    match value {
        Value::Bool(b) => Some(*b),
        Value::None => Some(false),
        Value::Int(i) => Some(*i != 0),
        Value::Float(f) => Some(*f != 0.0),
        Value::Str(s, _) => Some(!s.is_empty()),
        Value::List(items) => Some(!items.is_empty()),
        Value::Dict(items) => Some(!items.is_empty()),
        Value::Object(_)
        | Value::Function(..)
        | Value::Module(_)
        | Value::Class(..)
        | Value::Method(..) => Some(true),
        Value::External(q) if q == "typing.TYPE_CHECKING" => Some(false),
        _ => None,
    }
}

/// Python `==`, where it is known.
fn equal(left: &Value<'_>, right: &Value<'_>) -> Option<bool> {
    match (left, right) {
        (Value::Str(a, _), Value::Str(b, _)) => Some(a == b),
        (Value::Int(a), Value::Int(b)) => Some(a == b),
        (Value::Bool(a), Value::Bool(b)) => Some(a == b),
        (Value::None, Value::None) => Some(true),
        (Value::Other(a), Value::Str(b, _)) | (Value::Str(b, _), Value::Other(a)) => {
            // `__name__` is held as Other(module name); it never equals "__main__" on import.
            Some(a == b)
        }
        (Value::Str(..) | Value::Int(_) | Value::Bool(_), Value::None)
        | (Value::None, Value::Str(..) | Value::Int(_) | Value::Bool(_)) => Some(false),
        (Value::Str(..), Value::Int(_)) | (Value::Int(_), Value::Str(..)) => Some(false),
        _ => None,
    }
}

fn iterable_items<'a>(value: &Value<'a>) -> Option<Vec<Value<'a>>> {
    match value {
        Value::List(items) => Some(items.clone()),
        Value::Dict(items) => Some(items.iter().map(|(k, _)| k.clone()).collect()),
        Value::Str(s, span) => Some(
            s.chars()
                .map(|c| Value::Str(c.to_string(), span.clone()))
                .collect(),
        ),
        _ => None,
    }
}

fn sort_values<'a>(mut items: Vec<Value<'a>>) -> Option<Value<'a>> {
    if items.iter().all(|v| matches!(v, Value::Str(..))) {
        items.sort_by(|a, b| match (a, b) {
            (Value::Str(a, _), Value::Str(b, _)) => a.cmp(b),
            _ => std::cmp::Ordering::Equal,
        });
        return Some(Value::List(items));
    }
    if items.iter().all(|v| matches!(v, Value::Int(_))) {
        items.sort_by_key(|v| if let Value::Int(i) = v { *i } else { 0 });
        return Some(Value::List(items));
    }
    None
}

/// The names called anywhere in a statement (for the transformations of a pipeline function).
fn collect_called_names(stmt: &Stmt, out: &mut Vec<(String, TextRange)>) {
    use ruff_python_ast::visitor::{self, Visitor};
    struct Calls<'o> {
        out: &'o mut Vec<(String, TextRange)>,
    }
    impl<'b> Visitor<'b> for Calls<'_> {
        fn visit_expr(&mut self, expr: &'b Expr) {
            if let Expr::Call(call) = expr {
                if let Expr::Name(name) = &*call.func {
                    self.out.push((name.id.to_string(), name.range));
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    Calls { out }.visit_stmt(stmt);
}

/// An argument the SDK's runtime type checks (typeguard) reject when the object is built, for the
/// arguments whose type changed across versions or that users get wrong: `online`/`offline` must
/// be `bool` (not `None`), and `Entity.join_keys` is `str`/`List[str]` before 1.0 and
/// `List[Field]` from 1.0.
fn type_problem(
    module: &str,
    name: &str,
    call: &CallArgs<'_>,
    minor: crate::sdk::Minor,
) -> Option<(String, Span)> {
    let keyword = |key: &str| {
        call.keywords
            .iter()
            .rev()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, s)| (v, s))
    };
    // A keyword given twice through `**` (a literal repeat does not compile at all).
    for (i, (key, _, at)) in call.keywords.iter().enumerate() {
        if call.keywords[..i].iter().any(|(k, _, _)| k == key) {
            return Some((
                format!("`{name}` got multiple values for keyword argument `{key}` (TypeError)"),
                at.clone(),
            ));
        }
    }
    // `tecton.v09_compat` (and 0.x's `tecton.compat`) keep the 0.x types.
    let at_least_1_0 =
        minor >= (crate::sdk::Minor { major: 1, minor: 0 }) && !module.contains("compat");
    let materialized = matches!(
        name,
        "batch_feature_view"
            | "stream_feature_view"
            | "BatchFeatureView"
            | "StreamFeatureView"
            | "FeatureTable"
    );
    if materialized && minor >= (crate::sdk::Minor { major: 0, minor: 8 }) {
        for flag in ["online", "offline"] {
            if let Some((Value::None, at)) = keyword(flag) {
                return Some((
                    format!("type of argument \"{flag}\" must be bool; got NoneType instead (TypeError, SDK {minor})"),
                    at.clone(),
                ));
            }
        }
    }
    if name == "Entity" {
        let (value, at) = keyword("join_keys")?;
        let is_str = |v: &Value<'_>| matches!(v, Value::Str(..));
        let is_field = |v: &Value<'_>| matches!(v, Value::Call(callee, ..) if callee.rsplit('.').next() == Some("Field"));
        let wrong = match value {
            Value::Str(..) => at_least_1_0,
            Value::List(items) if at_least_1_0 => items.iter().any(is_str),
            Value::List(items) => items.iter().any(is_field),
            _ => false,
        };
        if wrong {
            let expected = if at_least_1_0 {
                "List[tecton.types.Field]"
            } else {
                "str or List[str]"
            };
            return Some((
                format!("`Entity` `join_keys` must be {expected} in SDK {minor} (TypeError)"),
                at.clone(),
            ));
        }
    }
    None
}

/// Every name a function body reads (`Name` loads), in order of appearance.
fn collect_loaded_names(def: &ast::StmtFunctionDef) -> Vec<String> {
    use ruff_python_ast::visitor::{self, Visitor};
    struct Loads {
        out: Vec<String>,
    }
    impl<'b> Visitor<'b> for Loads {
        fn visit_expr(&mut self, expr: &'b Expr) {
            if let Expr::Name(name) = expr {
                if name.ctx == ast::ExprContext::Load
                    && !self.out.iter().any(|n| n == name.id.as_str())
                {
                    self.out.push(name.id.to_string());
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut loads = Loads { out: Vec::new() };
    for stmt in &def.body {
        loads.visit_stmt(stmt);
    }
    loads.out
}

/// A value's size in items (a string counts one per 64 bytes), counted no further than `limit`.
fn weight(value: &Value<'_>, limit: usize) -> usize {
    let mut total = 0;
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        total += match value {
            Value::Str(s, _) => 1 + s.len() / 64,
            Value::List(items) => {
                stack.extend(items.iter());
                1
            }
            Value::Dict(items) => {
                for (k, v) in items {
                    stack.push(k);
                    stack.push(v);
                }
                1
            }
            Value::Call(_, args, kwargs) => {
                stack.extend(args.iter());
                stack.extend(kwargs.iter().map(|(_, v)| v));
                1
            }
            Value::Method(receiver, _) => {
                stack.push(receiver);
                1
            }
            _ => 1,
        };
        if total > limit {
            break;
        }
    }
    total
}

/// Whether `word` occurs in `text` as a whole identifier.
fn contains_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(is_ident)
            && !text[at + word.len()..].chars().next().is_some_and(is_ident)
    })
}

/// A short, stable digest of a text (64-bit FNV-1a), for showing that code changed.
fn digest(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

/// The methods of strings and dicts that definitions use to build names and loop over settings.
fn is_known_method(receiver: &Value<'_>, name: &str) -> bool {
    match receiver {
        Value::Str(..) => matches!(
            name,
            "format" | "join" | "upper" | "lower" | "strip" | "replace" | "split" | "title"
        ),
        Value::Dict(_) => matches!(name, "items" | "keys" | "values" | "get"),
        _ => false,
    }
}

/// Calls a known method with known arguments; `None` when the result cannot be known.
fn call_method<'a>(
    receiver: Value<'a>,
    name: &str,
    args: CallArgs<'a>,
    span: Span,
) -> Option<Value<'a>> {
    let strings = |values: &[(Value<'a>, Span)]| -> Option<Vec<String>> {
        values
            .iter()
            .map(|(v, _)| match v {
                Value::Str(s, _) => Some(s.clone()),
                _ => None,
            })
            .collect()
    };
    match (receiver, name) {
        (Value::Dict(items), "items") => Some(Value::List(
            items
                .into_iter()
                .map(|(k, v)| Value::List(vec![k, v]))
                .collect(),
        )),
        (Value::Dict(items), "keys") => {
            Some(Value::List(items.into_iter().map(|(k, _)| k).collect()))
        }
        (Value::Dict(items), "values") => {
            Some(Value::List(items.into_iter().map(|(_, v)| v).collect()))
        }
        (Value::Dict(items), "get") => {
            let key = &args.positional.first()?.0;
            let found = items
                .iter()
                .rev()
                .find(|(k, _)| equal(k, key) == Some(true));
            match found {
                Some((_, v)) => Some(v.clone()),
                None => Some(
                    args.positional
                        .get(1)
                        .map_or(Value::None, |(v, _)| v.clone()),
                ),
            }
        }
        (Value::Str(s, _), "upper") => Some(Value::Str(s.to_uppercase(), span)),
        (Value::Str(s, _), "lower") => Some(Value::Str(s.to_lowercase(), span)),
        (Value::Str(s, _), "strip") if args.positional.is_empty() => {
            Some(Value::Str(s.trim().to_string(), span))
        }
        (Value::Str(s, _), "replace") => {
            let parts = strings(&args.positional)?;
            match parts.as_slice() {
                [from, to] => Some(Value::Str(s.replace(from.as_str(), to), span)),
                _ => None,
            }
        }
        (Value::Str(s, _), "split") => {
            let parts = strings(&args.positional)?;
            let pieces: Vec<Value<'a>> = match parts.as_slice() {
                [] => s
                    .split_whitespace()
                    .map(|p| Value::Str(p.to_string(), span.clone()))
                    .collect(),
                [sep] if !sep.is_empty() => s
                    .split(sep.as_str())
                    .map(|p| Value::Str(p.to_string(), span.clone()))
                    .collect(),
                _ => return None,
            };
            Some(Value::List(pieces))
        }
        (Value::Str(sep, _), "join") => {
            let items = iterable_items(&args.positional.first()?.0)?;
            let parts: Option<Vec<String>> = items
                .iter()
                .map(|v| match v {
                    Value::Str(s, _) => Some(s.clone()),
                    _ => None,
                })
                .collect();
            Some(Value::Str(parts?.join(&sep), span))
        }
        (Value::Str(template, _), "format") => {
            format_string(&template, &args).map(|s| Value::Str(s, span))
        }
        _ => None,
    }
}

/// `str.format` for plain `{}`, `{0}` and `{name}` fields of strings and integers.
fn format_string(template: &str, args: &CallArgs<'_>) -> Option<String> {
    let text = |v: &Value<'_>| match v {
        Value::Str(s, _) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        _ => None,
    };
    let mut out = String::new();
    let mut next = 0;
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let mut field = String::new();
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    field.push(c);
                }
                let value = if field.is_empty() {
                    next += 1;
                    args.positional.get(next - 1).map(|(v, _)| v)
                } else if let Ok(index) = field.parse::<usize>() {
                    args.positional.get(index).map(|(v, _)| v)
                } else {
                    args.keywords
                        .iter()
                        .find(|(k, _, _)| *k == field)
                        .map(|(_, v, _)| v)
                };
                out.push_str(&text(value?)?);
            }
            '}' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}
