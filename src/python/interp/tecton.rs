//! Tecton object construction: which names of Tecton's modules construct objects (decorator
//! factories and classes), checking a constructor call against the SDK's signature and runtime type
//! checks, recording the object with its resolved arguments and the place each came from, and the
//! text and digest of a decorated function's code (with the helpers it reads), so that plans can
//! show that a transformation changed.

use std::path::Path;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::TextRange;

use super::call::CallArgs;
use super::value::{Code, Value};
use super::{Frame, Interp};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::Kind;
use crate::python::{Api, Arg, PyValue, RawObject, Unresolved};

/// Tecton's public module paths whose names are Tecton objects.
pub(super) const TECTON_MODULES: &[&str] = &["tecton", "tecton.v09_compat", "tecton.compat"];

/// How a Tecton name constructs an object: as a decorator factory or as a class.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Form {
    Decorator,
    Class,
}

/// A qualified name's module and last name (`tecton.types` and `Field`): `rsplit_once('.')`,
/// without the general searcher, which took a good part of a constructor call's time.
pub(super) fn split_qualified(qualified: &str) -> Option<(&str, &str)> {
    let dot = qualified.bytes().rposition(|b| b == b'.')?;
    Some((&qualified[..dot], &qualified[dot + 1..]))
}

/// `module.name`, built without the formatter (about 750 instructions a name, for every name a
/// module imports).
pub(super) fn qualified(module: &str, name: &str) -> String {
    let mut out = String::with_capacity(module.len() + 1 + name.len());
    out.push_str(module);
    out.push('.');
    out.push_str(name);
    out
}

/// A qualified name's last name (`Field` of `tecton.types.Field`), or the whole name.
pub(super) fn last_name(qualified: &str) -> &str {
    split_qualified(qualified).map_or(qualified, |(_, name)| name)
}

pub(super) fn tecton_constructor(qualified: &str) -> Option<(Kind, Form)> {
    let (module, name) = split_qualified(qualified)?;
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

#[derive(Clone, Debug)]
pub(super) struct PendingDecorator<'a> {
    pub(super) kind: Kind,
    pub(super) call: CallArgs<'a>,
    pub(super) span: Span,
}

impl<'a> Interp<'a> {
    /// A call of a Tecton constructor that binding its arguments would reject (TypeError), checked
    /// against the SDK's signature in the order Python binds: positional count, a missing required
    /// argument, then an unexpected keyword.
    pub(super) fn check_signature(
        &mut self,
        frame: &Frame<'a>,
        qualified: &str,
        call: &CallArgs<'a>,
        span: &Span,
    ) -> bool {
        let Some(Api { api, minor }) = self.api else {
            return true;
        };
        let Some((module, name)) = split_qualified(qualified) else {
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
        // A keyword the signature still takes but the SDK refuses with an error of its own.
        let problem = problem.or_else(|| {
            let (major, minor_number) = (minor.major, minor.minor);
            call.keywords
                .iter()
                .find(|(k, _, _)| {
                    (major, minor_number) >= (0, 8) && k == "max_batch_aggregation_interval"
                })
                .map(|(k, _, key_span)| {
                    (
                        format!("`{name}` refuses `{k}` in SDK {minor}: FeatureView.max_batch_aggregation_interval is deprecated and is no longer supported in 0.8 (ValueError)"),
                        key_span.clone(),
                    )
                })
        });
        // A keyword a migration renamed: its help names the new keyword.
        let renamed = call.keywords.iter().find_map(|(k, _, _)| {
            crate::rules::keyword_migration_hint(k).filter(|_| {
                problem
                    .as_ref()
                    .is_some_and(|(m, _)| m.contains(&format!("`{k}`")))
            })
        });
        let problem = problem.or_else(|| type_problem(module, name, call, minor));
        let Some((message, at)) = problem else {
            return true;
        };
        let _ = frame;
        self.raise(
            Diagnostic::new("TP001", format!("Tecton cannot import this file: {message}"))
                .at(at)
                .with_help(renamed.unwrap_or_else(|| format!(
                    "match the arguments to SDK {minor}'s `{name}` (`tecton-preflight` knows each SDK's signatures), or pin the SDK the code was written for"
                ))),
        );
        false
    }

    /// A call with positional arguments of a class that takes keyword arguments only (the config
    /// classes, pydantic models from SDK 0.8 on): binding fails with the TypeError below. An
    /// unresolved `*` expansion may be empty, so it alone proves nothing.
    pub(super) fn check_keywords_only(
        &mut self,
        qualified: &str,
        call: &ast::ExprCall,
        args: &CallArgs<'a>,
    ) -> bool {
        let Some(Api { api, minor }) = self.api else {
            return true;
        };
        let Some((module, name)) = split_qualified(qualified) else {
            return true;
        };
        if !api.takes_keywords_only(module, name) {
            return true;
        }
        let written = call
            .arguments
            .args
            .iter()
            .filter(|a| !a.is_starred_expr())
            .count();
        if written == 0 || args.positional.len() < written {
            return true;
        }
        let Some((_, first)) = args.positional.first() else {
            return true;
        };
        let given = args.positional.len() + 1;
        self.raise(
            Diagnostic::new(
                "TP001",
                format!("Tecton cannot import this file: `{name}` takes keyword arguments only in SDK {minor} (TypeError: BaseModel.__init__() takes 1 positional argument but {given} were given)"),
            )
            .at(first.clone())
            .with_help(format!(
                "pass every argument by name: from SDK 0.8 on, `{name}` and the other config classes take keywords only (`tecton-preflight upgrade` names them when it leaves 0.7)"
            )),
        );
        false
    }

    /// The modes of the transformations a `mode="pipeline"` function calls.
    pub(super) fn pipeline_modes(
        &mut self,
        frame: &Frame<'a>,
        def: &'a ast::StmtFunctionDef,
    ) -> Vec<String> {
        let mut modes = Vec::new();
        let mut calls = Vec::new();
        for stmt in &def.body {
            collect_called_names(stmt, &mut calls);
        }
        for (name, range) in calls {
            if let Value::Object(index) = self.lookup(frame, &name, range) {
                let Some(object) = self.objects.get(index) else {
                    continue;
                };
                if object.kind == Kind::Transformation {
                    if let Some(mode) = object.arg("mode").and_then(|a| a.value.as_str()) {
                        modes.push(mode.to_string());
                    }
                }
            }
        }
        modes
    }

    /// Whether the path of `span`'s file below the root is valid UTF-8, as Tecton needs for the
    /// place it records of every object (the root's own path does not matter).
    fn path_is_utf8(&self, span: &Span) -> bool {
        let path: &Path = &span.file;
        if path.to_str().is_some() {
            return true;
        }
        path.strip_prefix(self.modules.root())
            .unwrap_or(path)
            .to_str()
            .is_some()
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn construct(
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
        if !self.path_is_utf8(&span) {
            self.raise(
                Diagnostic::new(
                    "TP001",
                    "Tecton cannot import this file: its path is not valid UTF-8, and Tecton records the file each object is defined in as UTF-8 text (UnicodeEncodeError)",
                )
                .at(span.clone())
                .with_help("rename the file, or the folder it is in, in UTF-8"),
            );
            return Value::Unknown(Unresolved {
                reason: "the constructor raised an exception".into(),
                span,
            });
        }
        let CallArgs {
            positional,
            keywords,
            spread,
        } = call;
        // Room for a name given by position too, only where one may be.
        let positional_name = form == Form::Class && !positional.is_empty();
        let mut args: Vec<(String, Arg)> =
            Vec::with_capacity(keywords.len() + usize::from(positional_name));
        for (key, value, span) in keywords {
            let value = self.to_py(value);
            args.push((key, Arg { value, span }));
        }
        // Constructors whose first positional parameter is the name (`Entity("user", ...)` in
        // older SDKs) still name the object.
        if positional_name && !args.iter().any(|(k, _)| k == "name") {
            if let Some((value @ Value::Str(..), span)) = positional.into_iter().next() {
                let value = self.to_py(value);
                args.push(("name".into(), Arg { value, span }));
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
            | None => match (&function, &spread) {
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
        // The Transformation takes only `mode`; the object itself takes the arguments, moved
        // rather than copied (a view's arguments hold every feature).
        // Sized first: a collected filter starts at room for four.
        let mode: Option<Vec<(String, Arg)>> = implicit_transformation.then(|| {
            let modes = args.iter().filter(|(k, _)| k == "mode");
            let mut mode = Vec::with_capacity(modes.clone().count());
            mode.extend(modes.cloned());
            mode
        });
        let called_at = self.importing_call(&span);
        let object = RawObject {
            kind,
            name: name.clone(),
            file: self.modules.module(frame.module).path.clone(),
            span: span.clone(),
            called_at: called_at.clone(),
            args,
            spread,
            context: self.context.last().cloned(),
            implicit: false,
            pipeline_modes,
            function: function.as_ref().map(|(n, _)| n.clone()),
            code: None,
        };
        self.objects.push(object);
        let index = self.objects.len() - 1;
        if let Some(mode) = mode {
            self.objects.push(RawObject {
                kind: Kind::Transformation,
                name,
                file: self.modules.module(frame.module).path.clone(),
                span,
                called_at,
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
    pub(super) fn function_code(&self, module: usize, def: &ast::StmtFunctionDef) -> String {
        let mut seen = Vec::new();
        let mut lines = Vec::new();
        self.function_code_into(module, def, &mut seen, &mut lines);
        lines.join("\n")
    }

    pub(super) fn function_code_into(
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
        let text = &self.modules.loaded(module).text;
        let source = text
            .get(def.range.start().to_usize()..def.range.end().to_usize())
            .unwrap_or_default();
        let source = source.find("def ").map_or(source, |at| &source[at..]);
        let globals = &self.states[module].globals;
        for name in collect_loaded_names(def) {
            match globals.get(name.as_str()) {
                Some(Value::Function(function)) => {
                    if let Code::Def(f) = function.code {
                        self.function_code_into(function.module, f, seen, lines);
                    }
                }
                Some(
                    value @ (Value::Str(..)
                    | Value::Int(_)
                    | Value::Float(_)
                    | Value::Bool(_)
                    | Value::None
                    | Value::List(_)
                    | Value::Dict(_)),
                ) => lines.push(format!("{name}={}", self.to_py(value.clone()).render())),
                _ => {}
            }
        }
        lines.push(source.to_string());
    }

    /// The code a decorated function gives its object, for the plan: a feature view's `pipeline`
    /// and the `user_function` of its Transformation (or of an `@transformation`).
    pub(super) fn record_function_code(
        &mut self,
        module: usize,
        def: &ast::StmtFunctionDef,
        index: usize,
    ) {
        if !self.code {
            return;
        }
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
    pub(super) fn function_text(&self, module: usize, def: &ast::StmtFunctionDef) -> String {
        format!(
            "function {} (code {})",
            def.name.id,
            digest(&self.function_code(module, def))
        )
    }

    /// What a value is as an argument of a Tecton object. Its strings and lists are moved, not
    /// copied (a view's arguments hold every feature).
    pub(super) fn to_py(&self, value: Value<'a>) -> PyValue {
        match value {
            Value::Str(s, span) => PyValue::Str(s, span),
            Value::Int(i) => PyValue::Int(i),
            Value::Float(f) => PyValue::Float(f),
            Value::Bool(b) => PyValue::Bool(b),
            Value::None => PyValue::None,
            Value::List(items) => PyValue::List(items.into_iter().map(|v| self.to_py(v)).collect()),
            Value::Dict(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (k, v) in items {
                    match super::value::data(k) {
                        Value::Str(k, _) => out.push((k, self.to_py(v))),
                        _ => return PyValue::Other("a dict".into()),
                    }
                }
                PyValue::Dict(out)
            }
            Value::Module(i) => PyValue::Other(format!("module {}", self.modules.module(i).name)),
            Value::External(q) => PyValue::Symbol(q),
            // An object that an endless `while` loop constructed is taken back (see
            // `exec_while`); a name may still hold it.
            Value::Object(i) => match self.objects.get(i) {
                Some(object) => PyValue::Object {
                    kind: object.kind,
                    name: object.name.as_ref().ok().map(|(n, _)| n.clone()),
                },
                None => PyValue::Other(
                    "an object constructed in a `while` loop that tecton-preflight cannot follow"
                        .into(),
                ),
            },
            Value::Decorator(_) => PyValue::Other("a decorator".into()),
            Value::Function(function) => match function.code {
                Code::Def(def) => PyValue::Other(self.function_text(function.module, def)),
                Code::Lambda(_) => PyValue::Other("a lambda".into()),
            },
            // A member of an `Enum` with `str` mixed in is a string: the SDK holds its value.
            Value::Class(name, attributes) => {
                let data = attributes.borrow().get(super::value::DATA).cloned();
                match data {
                    Some(Value::Other(reason)) => PyValue::Other(reason),
                    Some(data) => self.to_py(data),
                    None => PyValue::Other(format!("class {name}")),
                }
            }
            Value::Method(_, name) => PyValue::Other(format!("method {name}")),
            Value::Call(callee, args, kwargs) => PyValue::Call {
                callee,
                args: args.into_vec().into_iter().map(|v| self.to_py(v)).collect(),
                kwargs: kwargs
                    .into_vec()
                    .into_iter()
                    .map(|(k, v)| (k, self.to_py(v)))
                    .collect(),
            },
            Value::Other(s) => PyValue::Other(s),
            Value::Unknown(u) => PyValue::Unknown(u),
        }
    }
}

/// An argument the SDK's runtime type checks (typeguard) reject when the object is built, for the
/// arguments whose type changed across versions or that users get wrong: `online`/`offline` must
/// be `bool` (not `None`), and `Entity.join_keys` is `str`/`List[str]` before 1.0 and
/// `List[Field]` from 1.0.
pub(super) fn type_problem(
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
    let keys = call.keywords.iter().map(|(k, _, _)| Some(k.as_str()));
    if let Some(i) = crate::python::guard::first_repeated(keys, call.keywords.len()) {
        let (key, _, at) = &call.keywords[i];
        return Some((
            format!("`{name}` got multiple values for keyword argument `{key}` (TypeError)"),
            at.clone(),
        ));
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
    // An enum member (of an `Enum` that no `str` mixes into) or a class where a string goes.
    if minor >= (crate::sdk::Minor { major: 0, minor: 8 }) {
        let typed: &[(&str, &str)] = if materialized {
            &[
                ("name", "str"),
                ("tecton_materialization_runtime", "one of (str, NoneType)"),
            ]
        } else {
            &[("name", "str")]
        };
        for (key, expected) in typed {
            if let Some((Value::Class(class, fields), at)) = keyword(key) {
                if fields.borrow().contains_key(super::value::DATA) {
                    continue;
                }
                let got = match (split_qualified(class), fields.borrow().get("__module__")) {
                    (Some((enum_class, _)), Some(Value::Str(module, _))) => {
                        format!("{module}.{enum_class}")
                    }
                    (Some((enum_class, _)), _) => enum_class.to_string(),
                    // An instance is of its class, named with the class's module.
                    (None, _) if fields.borrow().contains_key(super::value::INSTANCE) => {
                        let module = match fields.borrow().get(super::value::BASE) {
                            Some(Value::Class(_, base)) => {
                                base.borrow().get(super::value::MODULE).cloned()
                            }
                            _ => None,
                        };
                        match module {
                            Some(Value::Str(module, _)) => format!("{module}.{class}"),
                            _ => class.clone(),
                        }
                    }
                    (None, _) => "type".to_string(),
                };
                return Some((
                    format!("type of argument \"{key}\" must be {expected}; got {got} instead (TypeError, SDK {minor})"),
                    at.clone(),
                ));
            }
        }
    }
    // `transform_server_group` changed type with no overlap: the object up to 1.1, its name from
    // 1.2 (TP308 is the migration).
    if matches!(
        name,
        "FeatureService" | "StreamFeatureView" | "stream_feature_view"
    ) {
        if let Some((value, at)) = keyword("transform_server_group") {
            let object = matches!(value, Value::Call(callee, ..) if last_name(callee) == "TransformServerGroup");
            let takes_name = minor >= (crate::sdk::Minor { major: 1, minor: 2 });
            let problem = match value {
                _ if object && takes_name => Some("bad argument type for built-in operation (TypeError: SDK {minor} takes the group's name; migration TP308 writes it)"),
                Value::Str(..) if !takes_name => Some("'str' object has no attribute '_id_proto' (AttributeError: SDK {minor} takes the TransformServerGroup object; its name only from 1.2)"),
                _ => None,
            };
            if let Some(problem) = problem {
                return Some((problem.replace("{minor}", &minor.to_string()), at.clone()));
            }
        }
    }
    if name == "Entity" {
        let (value, at) = keyword("join_keys")?;
        let is_str = |v: &Value<'_>| matches!(v, Value::Str(..));
        let is_field =
            |v: &Value<'_>| matches!(v, Value::Call(callee, ..) if last_name(callee) == "Field");
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

/// The names called anywhere in a statement (for the transformations of a pipeline function).
pub(super) fn collect_called_names(stmt: &Stmt, out: &mut Vec<(String, TextRange)>) {
    use ruff_python_ast::visitor::{self, Visitor};
    struct Calls<'o> {
        out: &'o mut Vec<(String, TextRange)>,
    }
    impl<'b> Visitor<'b> for Calls<'_> {
        fn visit_expr(&mut self, expr: &'b Expr) {
            if let Expr::Call(call) = expr {
                if let Expr::Name(name) = &*call.func {
                    self.out.push((name.id.as_str().to_owned(), name.range));
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    Calls { out }.visit_stmt(stmt);
}

/// Every name a function body reads (`Name` loads), in order of appearance.
pub(super) fn collect_loaded_names(def: &ast::StmtFunctionDef) -> Vec<String> {
    loaded_names(&def.body, None)
}

/// Every name that statements and an expression read, in order of appearance.
pub(super) fn loaded_names(body: &[ast::Stmt], expr: Option<&Expr>) -> Vec<String> {
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
                    self.out.push(name.id.as_str().to_owned());
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut loads = Loads { out: Vec::new() };
    for stmt in body {
        loads.visit_stmt(stmt);
    }
    if let Some(expr) = expr {
        loads.visit_expr(expr);
    }
    loads.out
}

/// Whether a module's text may define names at run time (a module `__getattr__`, `globals()`,
/// `vars()`, `exec`, `setattr`): then a name it does not define at its top level may exist.
pub(super) fn may_define_dynamically(text: &str) -> bool {
    ["__getattr__", "globals(", "vars(", "exec(", "setattr("]
        .iter()
        .any(|d| text.contains(d))
}

/// Whether `word` occurs in `text` as a whole identifier.
pub(super) fn contains_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(is_ident)
            && !text[at + word.len()..].chars().next().is_some_and(is_ident)
    })
}

/// A short, stable digest of a text (64-bit FNV-1a), for showing that code changed.
pub(super) fn digest(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}
