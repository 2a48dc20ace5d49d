//! Calls: evaluating call arguments (with `*` and `**` spreads), dispatching a call to a Tecton
//! constructor, a function of the repository (followed with its parameters bound, within the call
//! depth limit), a builtin (`len`, `dict`, `sorted`, ...) or a known method of a string or dict.

use rustc_hash::FxHashMap as HashMap;

use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{Ranged, TextRange};

use super::tecton::{last_name, loaded_names, tecton_constructor, Form, PendingDecorator};
use super::value::{
    data, dict_set, equal, int_of, is_key_value_pair, iterable_items, member_part, sort_values,
    truthiness, weight, Code, Function, Value, FORMAT, STR,
};
use super::{
    Flow, Frame, Interp, MAX_CALL_DEPTH, MAX_PAD_WIDTH, MAX_TEXT, MAX_UNROLL, MAX_VALUE_WEIGHT,
    MAX_WORK,
};
use crate::diagnostic::{Diagnostic, Span};
use crate::python::Unresolved;

/// Evaluated call arguments.
#[derive(Clone, Debug, Default)]
pub(super) struct CallArgs<'a> {
    pub(super) positional: Vec<(Value<'a>, Span)>,
    pub(super) keywords: Vec<(String, Value<'a>, Span)>,
    pub(super) spread: Option<Unresolved>,
}

impl<'a> Interp<'a> {
    pub(super) fn eval_args(
        &mut self,
        frame: &mut Frame<'a>,
        arguments: &'a ast::Arguments,
    ) -> CallArgs<'a> {
        let mut call = CallArgs {
            positional: Vec::with_capacity(arguments.args.len()),
            keywords: Vec::with_capacity(arguments.keywords.len()),
            spread: None,
        };
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
                Some(name) => call
                    .keywords
                    .push((name.id.as_str().to_owned(), value, span)),
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

    pub(super) fn eval_call(
        &mut self,
        frame: &mut Frame<'a>,
        call: &'a ast::ExprCall,
    ) -> Value<'a> {
        let module = frame.module;
        let callee = self.eval(frame, &call.func);
        let args = self.eval_args(frame, &call.arguments);
        // Set again below by a call of a repository function only.
        self.called = None;
        // A constructed object is shown at its class name (`FeatureTable`), on the call's first line.
        let span = self.span(module, call.func.range());
        match callee {
            Value::External(q) => {
                if !self.check_keywords_only(&q, call, &args) {
                    return self.unknown(module, call.range(), "a call that Tecton rejects");
                }
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
                    // Another dict or list with the same items, as the interpreter holds values
                    // (Python's `copy.copy` shares the items that are dicts or lists).
                    "copy.copy" | "copy.deepcopy"
                        if args.positional.len() == 1 && args.keywords.is_empty() =>
                    {
                        match args.positional.into_iter().next() {
                            Some((value, _)) if super::stmt::is_data(&value) => value,
                            _ => self.unknown_call(module, call),
                        }
                    }
                    "builtins.dict" => {
                        let mut items = Vec::new();
                        for (value, _) in args.positional {
                            match value {
                                Value::Dict(inner) => items.extend(inner),
                                Value::Unknown(u) => return Value::Unknown(u),
                                // `dict([(key, value), ...])` and `dict(zip(keys, values))`.
                                Value::List(pairs) if pairs.iter().all(is_key_value_pair) => {
                                    // Each key is looked for among those before it.
                                    let compared = pairs.len().saturating_mul(pairs.len()) / 2;
                                    self.steps = self
                                        .steps
                                        .saturating_add(compared / super::stmt::ITEMS_PER_STEP);
                                    for pair in pairs {
                                        if let Value::List(mut kv) = pair {
                                            let value = kv.pop().unwrap_or(Value::None);
                                            let key = kv.pop().unwrap_or(Value::None);
                                            dict_set(&mut items, key, value);
                                        }
                                    }
                                }
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
                        // `sorted(..., reverse=True)` when the flag is known; a `key=` function
                        // is not followed.
                        let mut reverse = false;
                        for (name, value, _) in &args.keywords {
                            match (q.as_str(), name.as_str(), value) {
                                ("builtins.sorted", "reverse", value) => match truthiness(value) {
                                    Some(flag) => reverse = flag,
                                    None => return self.unknown_call(module, call),
                                },
                                ("builtins.sorted", "key", Value::None) => {}
                                _ => return self.unknown_call(module, call),
                            }
                        }
                        match args.positional.into_iter().next() {
                            Some((value, _)) => match iterable_items(&value) {
                                Some(items) if q == "builtins.sorted" => {
                                    match sort_values(items, reverse) {
                                        Some(Value::List(sorted)) => {
                                            let at = self.span(module, call.range());
                                            Value::List(
                                                sorted
                                                    .into_iter()
                                                    .map(|item| placed_at(item, &at))
                                                    .collect(),
                                            )
                                        }
                                        Some(other) => other,
                                        None => self.unknown(
                                            module,
                                            call.range(),
                                            "a sort of mixed values",
                                        ),
                                    }
                                }
                                Some(items) => Value::List(items),
                                None => match value {
                                    Value::Unknown(u) => Value::Unknown(u),
                                    _ => self.unknown_call(module, call),
                                },
                            },
                            None => Value::List(Vec::new()),
                        }
                    }
                    "builtins.str" if !args.keywords.is_empty() => self.unknown_call(module, call),
                    "builtins.str" => match args.positional.into_iter().next() {
                        // A member of a mixed-in `Enum`, where Python's versions agree.
                        Some((value @ Value::Class(..), _)) => match member_part(&value, STR) {
                            Some(Value::Other(reason)) => {
                                self.unknown(module, call.range(), reason)
                            }
                            Some(text) => text,
                            None => self.unknown_call(module, call),
                        },
                        Some((Value::Str(s, span), _)) => Value::Str(s, span),
                        Some((Value::Int(i), _)) => Value::Str(i.to_string(), span),
                        Some((Value::Bool(b), _)) => {
                            Value::Str(if b { "True" } else { "False" }.to_string(), span)
                        }
                        Some((Value::None, _)) => Value::Str("None".to_string(), span),
                        None => Value::Str(String::new(), span),
                        _ => self.unknown_call(module, call),
                    },
                    "builtins.bool" if args.keywords.is_empty() && args.positional.len() <= 1 => {
                        match args.positional.first() {
                            None => Value::Bool(false),
                            Some((value, _)) => match truthiness(value) {
                                Some(flag) => Value::Bool(flag),
                                None => self.unknown_result(module, call),
                            },
                        }
                    }
                    "builtins.int" if args.keywords.is_empty() && args.positional.len() <= 1 => {
                        match args.positional.first().map(|(v, _)| int_of(v)) {
                            None => Value::Int(0),
                            Some(Some(i)) => Value::Int(i),
                            Some(None) => self.unknown_result(module, call),
                        }
                    }
                    "builtins.any" | "builtins.all"
                        if args.keywords.is_empty() && args.positional.len() == 1 =>
                    {
                        let truths: Option<Vec<bool>> = iterable_items(&args.positional[0].0)
                            .and_then(|items| items.iter().map(truthiness).collect());
                        match truths {
                            Some(truths) if q == "builtins.any" => {
                                Value::Bool(truths.into_iter().any(|t| t))
                            }
                            Some(truths) => Value::Bool(truths.into_iter().all(|t| t)),
                            None => self.unknown_result(module, call),
                        }
                    }
                    // `getattr(module, "NAME")` reads the name as `module.NAME` does; with a
                    // default, a name that is not found is not followed further.
                    "builtins.getattr"
                        if args.keywords.is_empty()
                            && matches!(args.positional.len(), 2 | 3)
                            && matches!(args.positional[1].0, Value::Str(..)) =>
                    {
                        let with_default = args.positional.len() == 3;
                        let mut positional = args.positional.into_iter().map(|(v, _)| v);
                        let owner = positional.next();
                        let Some(Value::Str(name, _)) = positional.next() else {
                            return self.unknown_result(module, call);
                        };
                        match owner {
                            Some(Value::Module(index)) => {
                                match self.global_value(frame, index, &name) {
                                    Some(value) => value,
                                    None if with_default => self.unknown_result(module, call),
                                    None => self.import_from_local(
                                        index,
                                        &name,
                                        frame,
                                        call.range(),
                                        true,
                                    ),
                                }
                            }
                            // Read as `owner.NAME` is: a method is bound the same way.
                            Some(Value::Class(class, attributes)) => {
                                match super::value::class_attribute(&attributes, &name) {
                                    Some((value, depth)) => self.method(
                                        frame,
                                        &class,
                                        &attributes,
                                        value,
                                        depth,
                                        call.range(),
                                    ),
                                    None => self.unknown_result(module, call),
                                }
                            }
                            _ => self.unknown_result(module, call),
                        }
                    }
                    "builtins.max" | "builtins.min" if args.keywords.is_empty() => {
                        let items = match args.positional.as_slice() {
                            [(only, _)] => iterable_items(only),
                            several => Some(several.iter().map(|(v, _)| v.clone()).collect()),
                        };
                        // The first of the largest (or smallest), as Python picks it; placed at
                        // the call, as `sorted`'s items are.
                        let picked = items.and_then(|items| {
                            let greatest = q == "builtins.max";
                            match sort_values(items, greatest)? {
                                Value::List(sorted) => sorted.into_iter().next(),
                                _ => None,
                            }
                        });
                        match picked {
                            Some(item) => placed_at(item, &self.span(module, call.range())),
                            None => self.unknown_result(module, call),
                        }
                    }
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
                            _ => return self.unknown_call(module, call),
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
                            _ => self.unknown_call(module, call),
                        }
                    }
                    "builtins.len" => {
                        match args.positional.first().and_then(|(v, _)| iterable_items(v)) {
                            Some(items) => Value::Int(items.len() as i64),
                            None => self.unknown_call(module, call),
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
                        None => self.unknown_call(module, call),
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
                        // A partial whose bound keywords are not all known is not followed.
                        if let ("functools.partial", Some(spread)) = (q.as_str(), &args.spread) {
                            return Value::Unknown(spread.clone());
                        }
                        if !matches!(
                            q.as_str(),
                            "functools.partial"
                                | "builtins.print"
                                | "builtins.isinstance"
                                | "builtins.getattr"
                        ) {
                            self.warn_unfollowed(frame, &args, call);
                        }
                        if q.starts_with("builtins.") {
                            return self.unknown_result(module, call);
                        }
                        let positional = args.positional.into_iter().map(|(v, _)| v).collect();
                        let keywords = args.keywords.into_iter().map(|(k, v, _)| (k, v)).collect();
                        Value::Call(q.into(), positional, keywords)
                    }
                }
            }
            Value::Decorator(pending) => {
                // `batch_feature_view(...)(function)`: applying a decorator by hand.
                let function = args.positional.first().and_then(|(v, _)| match v {
                    Value::Function(function) => match function.code {
                        Code::Def(def) => Some((
                            def.name.id.as_str().to_owned(),
                            self.span(module, def.name.range),
                        )),
                        Code::Lambda(_) => None,
                    },
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
            Value::Function(function) => self.call_and_carry_back(frame, &function, args, call, 0),
            Value::Method(receiver, name) => call_method(*receiver, &name, args, span.clone())
                .unwrap_or_else(|| self.unknown_result(module, call)),
            Value::Call(q, bound, bound_keywords) if &*q == "functools.partial" => {
                self.call_partial(frame, bound.into(), bound_keywords.into(), args, call)
            }
            Value::Unknown(u) => {
                self.warn_unfollowed(frame, &args, call);
                Value::Unknown(u)
            }
            Value::Object(_) => Value::Other(format!("`{}`", self.text(module, call.range()))),
            Value::Class(class, attributes) if plain_class(&attributes) => {
                match self.instance(frame, &class, &attributes, args, call) {
                    Some(instance) => instance,
                    None => self.unknown_result(module, call),
                }
            }
            Value::Class(class, attributes)
                if attributes.borrow().contains_key(super::value::FIELDS) =>
            {
                match dataclass_instance(&class, &attributes, &args, call) {
                    Some(instance) => instance,
                    None => {
                        self.warn_unfollowed(frame, &args, call);
                        self.unknown_result(module, call)
                    }
                }
            }
            _ => {
                self.warn_unfollowed(frame, &args, call);
                self.unknown_result(module, call)
            }
        }
    }

    /// An instance of a class of the repository whose `__init__` (its own or a base's) is
    /// followed with the instance as `self`: its attributes are what `__init__` sets, and the
    /// class's through its base. `None` when Python's result is not known: a class with
    /// `__new__`, arguments without an `__init__` to take them, or an `__init__` not followed to
    /// its end (too deep, past the budget, returning something).
    fn instance(
        &mut self,
        frame: &mut Frame<'a>,
        class: &str,
        attributes: &super::value::Attributes<'a>,
        args: CallArgs<'a>,
        call: &'a ast::ExprCall,
    ) -> Option<Value<'a>> {
        use super::value::{binding_class, BASE, INSTANCE};
        if binding_class(attributes, "__new__").is_some() {
            return None;
        }
        let instance = Value::Class(
            class.to_string(),
            super::value::attributes(HashMap::from_iter([
                (
                    BASE.to_string(),
                    Value::Class(class.to_string(), attributes.clone()),
                ),
                (INSTANCE.to_string(), Value::Bool(true)),
            ])),
        );
        let init = binding_class(attributes, "__init__")
            .and_then(|(owner, _)| owner.borrow().get("__init__").cloned());
        let function = match init {
            None if args.positional.is_empty() && args.keywords.is_empty() => {
                return args.spread.is_none().then_some(instance);
            }
            Some(Value::Function(function)) => function,
            _ => return None,
        };
        let span = self.span(frame.module, call.range());
        let mut args = args;
        args.positional.insert(0, (instance.clone(), span));
        let out_of_work = self.out_of_work;
        let returned = self.call_and_carry_back(frame, &function, args, call, 1);
        self.called = None;
        (matches!(returned, Value::None) && self.out_of_work == out_of_work).then_some(instance)
    }

    /// Unknown: the result of this call.
    fn unknown_result(&self, module: usize, call: &ast::ExprCall) -> Value<'a> {
        self.unknown(
            module,
            call.range(),
            format!("the result of `{}`", self.text(module, call.range())),
        )
    }

    /// Unknown: this call, as written.
    fn unknown_call(&self, module: usize, call: &ast::ExprCall) -> Value<'a> {
        self.unknown(
            module,
            call.range(),
            format!("`{}`", self.text(module, call.range())),
        )
    }

    /// A call of `functools.partial(function, *bound, **bound_keywords)`: the function of the
    /// repository is followed with the bound arguments first, and the call's keywords over the
    /// bound ones, as Python merges them.
    fn call_partial(
        &mut self,
        frame: &mut Frame<'a>,
        bound: Vec<Value<'a>>,
        bound_keywords: Vec<(String, Value<'a>)>,
        args: CallArgs<'a>,
        call: &'a ast::ExprCall,
    ) -> Value<'a> {
        let module = frame.module;
        let mut bound = bound.into_iter();
        let function = match bound.next() {
            Some(Value::Function(function)) => function,
            target => {
                // Only a partial of a function of the repository is followed.
                if let Some(name) = target.and_then(|t| self.constructs_objects(&t, 2)) {
                    let span = self.span(module, call.func.range());
                    self.report_unfollowed(
                        format!("`{name}` constructs Tecton objects and is called through `functools.partial`, which tecton-preflight follows only for a function of the repository: the objects it constructs there are not known"),
                        span,
                    );
                }
                self.warn_unfollowed(frame, &args, call);
                return self.unknown_result(module, call);
            }
        };
        let span = self.span(module, call.range());
        let mut positional: Vec<(Value<'a>, Span)> =
            bound.map(|value| (value, span.clone())).collect();
        positional.extend(args.positional);
        let mut keywords: Vec<(String, Value<'a>, Span)> = bound_keywords
            .into_iter()
            .map(|(name, value)| (name, value, span.clone()))
            .collect();
        for (name, value, at) in args.keywords {
            match keywords.iter_mut().find(|(key, _, _)| *key == name) {
                Some(slot) => *slot = (name, value, at),
                None => keywords.push((name, value, at)),
            }
        }
        let merged = CallArgs {
            positional,
            keywords,
            spread: args.spread,
        };
        self.call_function(frame, &function, merged, call.range())
    }

    /// A TP002 where a function of the repository that constructs Tecton objects (it names a
    /// Tecton class or decorator, or another function of the repository) is handed to a call
    /// that is not followed (`map(make, names)`, a registry of another package): what it
    /// constructs there is not known.
    fn warn_unfollowed(&mut self, frame: &Frame<'a>, args: &CallArgs<'a>, call: &ast::ExprCall) {
        let handed = args
            .positional
            .iter()
            .map(|(value, span)| (value, span))
            .chain(args.keywords.iter().map(|(_, value, span)| (value, span)))
            .find_map(|(value, span)| Some((self.constructs_objects(value, 2)?, span.clone())));
        if let Some((name, span)) = handed {
            let callee = self.text(frame.module, call.func.range()).to_string();
            self.report_unfollowed(
                format!("`{name}` constructs Tecton objects and is handed to `{callee}(...)`, which tecton-preflight does not follow: the objects it constructs there are not known"),
                span,
            );
        }
    }

    /// The TP002 of objects constructed where calls are not followed, said once per place.
    fn report_unfollowed(&mut self, message: String, span: Span) {
        if self
            .diagnostics
            .iter()
            .any(|d| d.code == "TP002" && d.span.as_ref() == Some(&span))
        {
            return;
        }
        self.diagnostics.push(
            Diagnostic::new("TP002", message)
                .at(span)
                .with_help("call the function directly, in a loop or a comprehension (which are followed), so that its objects are checked"),
        );
    }

    /// The name of what `value` is when it may construct Tecton objects once called: a function
    /// of the repository whose code names a Tecton class or decorator (or, `depth` levels down,
    /// another such function), a partial of one, or a Tecton decorator already given its
    /// arguments.
    fn constructs_objects(&self, value: &Value<'a>, depth: usize) -> Option<String> {
        match value {
            Value::Decorator(pending) => Some(pending.kind.as_str().to_string()),
            Value::External(q) if tecton_constructor(q).is_some() => Some(last_name(q).to_string()),
            Value::Call(q, bound, _) if &**q == "functools.partial" => bound
                .first()
                .and_then(|target| self.constructs_objects(target, depth)),
            Value::Function(function) => {
                let (names, name) = match function.code {
                    Code::Def(def) => (
                        loaded_names(&def.body, None),
                        def.name.id.as_str().to_owned(),
                    ),
                    Code::Lambda(lambda) => {
                        (loaded_names(&[], Some(&lambda.body)), "lambda".to_string())
                    }
                };
                let globals = &self.states[function.module].globals;
                let constructs = names.iter().any(|read| {
                    let found = function
                        .closure
                        .as_ref()
                        .and_then(|c| c.get(read))
                        .or_else(|| globals.get(read));
                    match found {
                        Some(Value::External(q)) => tecton_constructor(q).is_some(),
                        Some(Value::Decorator(_)) => true,
                        Some(inner @ Value::Function(_)) if depth > 0 => {
                            self.constructs_objects(inner, depth - 1).is_some()
                        }
                        _ => false,
                    }
                });
                constructs.then_some(name)
            }
            _ => None,
        }
    }

    /// A function defined here: its defaults evaluated now, and the names of the enclosing
    /// function it can read.
    pub(super) fn define(&mut self, frame: &mut Frame<'a>, code: Code<'a>) -> Value<'a> {
        let parameters = match code {
            Code::Def(def) => Some(&*def.parameters),
            Code::Lambda(lambda) => lambda.parameters.as_deref(),
        };
        let mut defaults = Vec::new();
        for param in parameters
            .into_iter()
            .flat_map(|p| p.iter_non_variadic_params())
        {
            if let Some(default) = &param.default {
                let value = self.eval(frame, default);
                // Held for as long as the function: counted as work, as a closure's copies are.
                let cost = weight(&value, MAX_WORK);
                self.work = self.work.saturating_add(cost.saturating_sub(1));
                let value = if self.spend(frame.module, default.range()) {
                    value
                } else {
                    self.unknown(
                        frame.module,
                        default.range(),
                        "past the work tecton-preflight follows",
                    )
                };
                defaults.push((param.parameter.name.id.as_str().to_owned(), value));
            }
        }
        // Only the names the function reads: a function defined in a loop must not copy every
        // local of its definer each time. The copies count as work (one unit per item), so that
        // functions defined over and over cannot hold copies of large values without limit.
        let (read, range) = match code {
            Code::Def(def) => (loaded_names(&def.body, None), def.range),
            Code::Lambda(lambda) => (loaded_names(&[], Some(&lambda.body)), lambda.range),
        };
        let closure = match &frame.locals {
            None => None,
            Some(locals) => {
                let mut captured = HashMap::default();
                for name in read {
                    let in_scope = frame.scopes.iter().rev().find_map(|scope| scope.get(&name));
                    // A name that stands for another place captures what it holds now.
                    let standing = match in_scope {
                        None if frame.sources.contains_key(&name) && locals.contains_key(&name) => {
                            Some(self.lookup(frame, &name, range))
                        }
                        _ => None,
                    };
                    let found = standing.as_ref().or(in_scope).or_else(|| locals.get(&name));
                    let Some(value) = found else { continue };
                    let cost = weight(value, MAX_WORK);
                    self.work = self.work.saturating_add(cost.saturating_sub(1));
                    let value = if self.spend(frame.module, range) {
                        value.clone()
                    } else {
                        self.unknown(
                            frame.module,
                            range,
                            "past the work tecton-preflight follows",
                        )
                    };
                    captured.insert(name, value);
                }
                Some(captured)
            }
        };
        Value::Function(std::rc::Rc::new(Function {
            module: frame.module,
            code,
            defaults: std::rc::Rc::new(std::cell::RefCell::new(defaults)),
            closure,
            wrapped: None,
        }))
    }

    /// Follows a call of a function defined in the repository, with its parameters bound.
    pub(super) fn call_function(
        &mut self,
        frame: &Frame<'a>,
        function: &Function<'a>,
        args: CallArgs<'a>,
        range: TextRange,
    ) -> Value<'a> {
        self.call_sites.push((frame.module, range));
        let value = self.follow_function(frame, function, args, range, &mut Vec::new());
        self.call_sites.pop();
        value
    }

    /// [`Self::call_function`] for a call written in the code: a dict or list an argument passed
    /// is the parameter's object too, so what the function changed in place through the
    /// parameter (`d["online"] = True`, `d.update(...)`) is carried back to where the argument
    /// came from (a name, an item, an attribute), as Python shares the object.
    fn call_and_carry_back(
        &mut self,
        frame: &mut Frame<'a>,
        function: &Function<'a>,
        args: CallArgs<'a>,
        call: &'a ast::ExprCall,
        bound: usize,
    ) -> Value<'a> {
        let shared = |value: &Value<'a>| matches!(value, Value::List(_) | Value::Dict(_));
        let passed_shared = args.positional.iter().any(|(v, _)| shared(v))
            || args.keywords.iter().any(|(_, v, _)| shared(v));
        let mut changes = Vec::new();
        self.call_sites.push((frame.module, call.range()));
        let value = self.follow_function(frame, function, args, call.range(), &mut changes);
        self.call_sites.pop();
        self.called = self.returned.take();
        if !passed_shared || changes.is_empty() {
            return value;
        }
        // The argument each changed parameter was bound to, when written before any `*`
        // expansion or as a keyword.
        let starred = call
            .arguments
            .args
            .iter()
            .position(|a| matches!(a, Expr::Starred(_)))
            .unwrap_or(call.arguments.args.len());
        let no_parameters = ast::Parameters::default();
        let params = function.parameters().unwrap_or(&no_parameters);
        let argument = |param: &str| -> Option<&'a Expr> {
            // The first `bound` parameters are given by the interpreter (`self`), not the call.
            let positional = params
                .posonlyargs
                .iter()
                .chain(params.args.iter())
                .skip(bound)
                .zip(call.arguments.args[..starred].iter())
                .find(|(p, _)| p.parameter.name.id.as_str() == param)
                .map(|(_, arg)| arg);
            positional.or_else(|| {
                call.arguments
                    .keywords
                    .iter()
                    .find(|k| k.arg.as_ref().is_some_and(|n| n.id.as_str() == param))
                    .map(|k| &k.value)
            })
        };
        for (param, change) in changes {
            let Some(arg) = argument(&param) else {
                continue;
            };
            if let Some(place) = self.place(frame, arg) {
                let change = self.written(change);
                self.write_place(frame, &place, change);
            }
        }
        value
    }

    fn follow_function(
        &mut self,
        frame: &Frame<'a>,
        function: &Function<'a>,
        args: CallArgs<'a>,
        range: TextRange,
        changes: &mut Vec<(String, Value<'a>)>,
    ) -> Value<'a> {
        let function_module = function.module;
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
        let mut locals = function.closure.clone().unwrap_or_default();
        let no_parameters = ast::Parameters::default();
        let params = function.parameters().unwrap_or(&no_parameters);
        let positional_params: Vec<&ast::ParameterWithDefault> = params
            .posonlyargs
            .iter()
            .chain(params.args.iter())
            .collect();
        let mut positional = args.positional.into_iter();
        let mut callee_frame = Frame::module(function_module);
        for param in &positional_params {
            if let Some((value, _)) = positional.next() {
                locals.insert(param.parameter.name.id.as_str().to_owned(), value);
            }
        }
        let rest: Vec<Value<'a>> = positional.map(|(v, _)| v).collect();
        if let Some(vararg) = &params.vararg {
            locals.insert(vararg.name.id.as_str().to_owned(), Value::List(rest));
        }
        let mut extra = Vec::new();
        let mut from_default: Vec<String> = Vec::new();
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
            locals.insert(kwarg.name.id.as_str().to_owned(), value);
        }
        for param in positional_params
            .iter()
            .copied()
            .chain(params.kwonlyargs.iter())
        {
            let name = param.parameter.name.id.as_str().to_owned();
            if locals.contains_key(&name) {
                continue;
            }
            let default = function
                .defaults
                .borrow()
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, default)| default.clone());
            let value = match (default, &args.spread) {
                (_, Some(spread)) => Value::Unknown(spread.clone()),
                (Some(default), None) => {
                    from_default.push(name.clone());
                    default
                }
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
        let value = match function.code {
            Code::Def(def) => match self.exec_block(&mut callee_frame, &def.body) {
                // `returned` is what this `return` set (see `Stmt::Return`).
                Flow::Return(value) => value,
                _ => {
                    self.returned = None;
                    Value::None
                }
            },
            Code::Lambda(lambda) => {
                let value = self.eval(&mut callee_frame, &lambda.body);
                self.returned = None;
                value
            }
        };
        self.call_depth -= 1;
        // The dicts and lists changed in place through a parameter.
        for param in positional_params
            .iter()
            .copied()
            .chain(params.kwonlyargs.iter())
        {
            let name = param.parameter.name.id.as_str();
            if let Some(change) = self.carried_back(&callee_frame, name, param.range) {
                if from_default.iter().any(|n| n == name) {
                    // The default itself: the next calls start from it.
                    let change = self.written(change);
                    if let Some(slot) = function
                        .defaults
                        .borrow_mut()
                        .iter_mut()
                        .find(|(n, _)| n == name)
                    {
                        slot.1 = change;
                    }
                } else {
                    changes.push((name.to_owned(), change));
                }
            }
        }
        value
    }
}

/// The methods of strings and dicts that definitions use to build names and loop over settings.
pub(super) fn is_known_method(receiver: &Value<'_>, name: &str) -> bool {
    match receiver {
        Value::Str(..) => matches!(
            name,
            "format"
                | "join"
                | "upper"
                | "lower"
                | "strip"
                | "lstrip"
                | "rstrip"
                | "replace"
                | "split"
                | "rsplit"
                | "title"
                | "capitalize"
                | "zfill"
                | "startswith"
                | "endswith"
                | "removeprefix"
                | "removesuffix"
                | "partition"
                | "rpartition"
                | "count"
                | "find"
                | "rfind"
                | "center"
                | "ljust"
                | "rjust"
                | "swapcase"
                | "isdigit"
                | "isalpha"
                | "isalnum"
                | "isupper"
                | "islower"
        ),
        Value::Dict(_) => matches!(name, "items" | "keys" | "values" | "get" | "copy"),
        Value::List(_) => name == "copy",
        _ => false,
    }
}

/// Calls a known method with known arguments; `None` when the result cannot be known.
pub(super) fn call_method<'a>(
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
    // Of the methods of strings, dicts and lists, only `format` and `split`/`rsplit` take
    // keywords here: one given to another (a TypeError, or a parameter not followed) is not
    // ignored.
    let keywords_taken = match &receiver {
        Value::Str(..) => matches!(name, "format" | "split" | "rsplit"),
        Value::Dict(_) | Value::List(_) => false,
        _ => true,
    };
    if !args.keywords.is_empty() && !keywords_taken {
        return None;
    }
    match (receiver, name) {
        // What `DataSource.unfiltered()` and `.select_range(...)` return (SDK 1.0 on).
        (source @ Value::Object(_), "unfiltered" | "select_range") => Some(Value::Call(
            "tecton.framework.data_source.FilteredSource".into(),
            Box::new([source]),
            args.keywords.into_iter().map(|(k, v, _)| (k, v)).collect(),
        )),
        (Value::Dict(items), "items") => Some(Value::List(
            items
                .into_iter()
                .map(|(k, v)| Value::List(vec![k, v]))
                .collect(),
        )),
        // Another dict or list with the same items (those that are dicts or lists are copies
        // here too, where Python's shallow copy shares them).
        (value @ (Value::Dict(_) | Value::List(_)), "copy")
            if args.positional.is_empty() && args.keywords.is_empty() =>
        {
            Some(value)
        }
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
        (Value::Str(s, _), method @ ("strip" | "lstrip" | "rstrip")) => {
            // Looked up by a binary search: a long argument would make a scan per character
            // quadratic.
            let chars: Option<Vec<char>> = match args.positional.as_slice() {
                [] | [(Value::None, _)] => None,
                [(Value::Str(chars, _), _)] => {
                    let mut chars: Vec<char> = chars.chars().collect();
                    chars.sort_unstable();
                    chars.dedup();
                    Some(chars)
                }
                _ => return None,
            };
            let stripped = |c: char| match &chars {
                Some(chars) => chars.binary_search(&c).is_ok(),
                None => python_space(c),
            };
            let text = match method {
                "strip" => s.trim_matches(stripped),
                "lstrip" => s.trim_start_matches(stripped),
                _ => s.trim_end_matches(stripped),
            };
            Some(Value::Str(text.to_string(), span))
        }
        (Value::Str(s, _), "replace") => {
            let parts = strings(&args.positional[..args.positional.len().min(2)])?;
            let count = match args.positional.get(2) {
                None => usize::MAX,
                Some((Value::Int(count), _)) if args.positional.len() == 3 => {
                    usize::try_from(*count).unwrap_or(usize::MAX)
                }
                _ => return None,
            };
            let [from, to] = parts.as_slice() else {
                return None;
            };
            // The length first: an empty `from` matches between every two characters.
            let matches = if from.is_empty() {
                s.chars().count() + 1
            } else {
                s.matches(from.as_str()).count()
            }
            .min(count);
            let len = s
                .len()
                .checked_sub(matches.checked_mul(from.len())?)?
                .checked_add(matches.checked_mul(to.len())?)?;
            (len <= MAX_TEXT).then(|| Value::Str(s.replacen(from.as_str(), to, matches), span))
        }
        (Value::Str(s, _), method @ ("split" | "rsplit")) => {
            let (mut sep, mut maxsplit) = (None, -1);
            for (i, (value, _)) in args.positional.iter().enumerate() {
                match (i, value) {
                    (0, Value::Str(text, _)) => sep = Some(text.as_str()),
                    (0, Value::None) => {}
                    (1, Value::Int(n)) => maxsplit = *n,
                    _ => return None,
                }
            }
            for (name, value, _) in &args.keywords {
                match (name.as_str(), value) {
                    ("sep", Value::Str(text, _)) => sep = Some(text.as_str()),
                    ("sep", Value::None) => {}
                    ("maxsplit", Value::Int(n)) => maxsplit = *n,
                    _ => return None,
                }
            }
            let pieces = python_split(&s, sep, maxsplit, method == "rsplit")?;
            Some(Value::List(
                pieces
                    .into_iter()
                    .map(|p| Value::Str(p, span.clone()))
                    .collect(),
            ))
        }
        (Value::Str(s, _), "capitalize") if args.positional.is_empty() => {
            let mut chars = s.chars();
            let text = match chars.next() {
                None => String::new(),
                // Python capitalizes to the title case, which differs from the upper case for a
                // few letters beyond ASCII.
                Some(first) if first.is_ascii() => {
                    first.to_ascii_uppercase().to_string() + &chars.as_str().to_lowercase()
                }
                Some(_) => return None,
            };
            Some(Value::Str(text, span))
        }
        (Value::Str(s, _), "zfill") => {
            let [(Value::Int(width), _)] = args.positional.as_slice() else {
                return None;
            };
            if usize::try_from(*width).is_ok_and(|width| width > MAX_PAD_WIDTH) {
                return None;
            }
            let len = s.chars().count();
            let fill = usize::try_from(*width).unwrap_or(0).saturating_sub(len);
            let text = match s.strip_prefix(['+', '-']) {
                Some(rest) => format!("{}{}{rest}", &s[..1], "0".repeat(fill)),
                None => format!("{}{s}", "0".repeat(fill)),
            };
            Some(Value::Str(text, span))
        }
        (Value::Str(s, _), method @ ("startswith" | "endswith")) => {
            let candidates: Vec<String> = match args.positional.as_slice() {
                [(Value::Str(text, _), _)] => vec![text.clone()],
                [(Value::List(items), _)] => items
                    .iter()
                    .map(|item| match item {
                        Value::Str(text, _) => Some(text.clone()),
                        _ => None,
                    })
                    .collect::<Option<_>>()?,
                _ => return None,
            };
            Some(Value::Bool(candidates.iter().any(|c| {
                if method == "startswith" {
                    s.starts_with(c.as_str())
                } else {
                    s.ends_with(c.as_str())
                }
            })))
        }
        (Value::Str(s, _), method @ ("removeprefix" | "removesuffix")) => {
            let [(Value::Str(part, _), _)] = args.positional.as_slice() else {
                return None;
            };
            let text = if method == "removeprefix" {
                s.strip_prefix(part.as_str())
            } else {
                s.strip_suffix(part.as_str())
            };
            Some(Value::Str(text.unwrap_or(&s).to_string(), span))
        }
        (Value::Str(s, _), method @ ("partition" | "rpartition")) => {
            let [(Value::Str(sep, _), _)] = args.positional.as_slice() else {
                return None;
            };
            if sep.is_empty() {
                return None;
            }
            let found = if method == "partition" {
                s.find(sep.as_str())
            } else {
                s.rfind(sep.as_str())
            };
            let parts = match found {
                Some(at) => [&s[..at], sep.as_str(), &s[at + sep.len()..]],
                None if method == "partition" => [s.as_str(), "", ""],
                None => ["", "", s.as_str()],
            };
            Some(Value::List(
                parts
                    .into_iter()
                    .map(|p| Value::Str(p.to_string(), span.clone()))
                    .collect(),
            ))
        }
        (Value::Str(s, _), method @ ("count" | "find" | "rfind")) => {
            let [(Value::Str(part, _), _)] = args.positional.as_slice() else {
                return None;
            };
            // Python counts code points, not bytes.
            let chars = |bytes: usize| s[..bytes].chars().count() as i64;
            let n = match method {
                "count" if part.is_empty() => s.chars().count() as i64 + 1,
                "count" => s.matches(part.as_str()).count() as i64,
                "find" => s.find(part.as_str()).map_or(-1, chars),
                _ => s.rfind(part.as_str()).map_or(-1, chars),
            };
            Some(Value::Int(n))
        }
        (Value::Str(s, _), method @ ("center" | "ljust" | "rjust")) => {
            let (width, fill) = match args.positional.as_slice() {
                [(Value::Int(width), _)] => (*width, ' '),
                [(Value::Int(width), _), (Value::Str(fill, _), _)] => {
                    let mut chars = fill.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => (*width, c),
                        _ => return None,
                    }
                }
                _ => return None,
            };
            let len = s.chars().count() as i64;
            if width <= len {
                return Some(Value::Str(s, span));
            }
            if usize::try_from(width).is_ok_and(|width| width > MAX_PAD_WIDTH) {
                return None;
            }
            let margin = width - len;
            // CPython's split of an odd margin for `center`.
            let left = match method {
                "center" => margin / 2 + (margin & width & 1),
                "ljust" => 0,
                _ => margin,
            };
            let pad = |n: i64| fill.to_string().repeat(usize::try_from(n).unwrap_or(0));
            Some(Value::Str(
                format!("{}{s}{}", pad(left), pad(margin - left)),
                span,
            ))
        }
        // Beyond ASCII, Python's case mappings and character classes are not Rust's.
        (
            Value::Str(s, _),
            "swapcase" | "isdigit" | "isalpha" | "isalnum" | "isupper" | "islower",
        ) if !s.is_ascii() => None,
        (Value::Str(s, _), "swapcase") if args.positional.is_empty() => Some(Value::Str(
            s.chars()
                .map(|c| {
                    if c.is_ascii_uppercase() {
                        c.to_ascii_lowercase()
                    } else {
                        c.to_ascii_uppercase()
                    }
                })
                .collect(),
            span,
        )),
        (
            Value::Str(s, _),
            method @ ("isdigit" | "isalpha" | "isalnum" | "isupper" | "islower"),
        ) if args.positional.is_empty() => {
            let all = |test: fn(&char) -> bool| !s.is_empty() && s.chars().all(|c| test(&c));
            let cased = s.chars().any(|c| c.is_ascii_alphabetic());
            Some(Value::Bool(match method {
                "isdigit" => all(char::is_ascii_digit),
                "isalpha" => all(char::is_ascii_alphabetic),
                "isalnum" => all(char::is_ascii_alphanumeric),
                "isupper" => cased && !s.chars().any(|c| c.is_ascii_lowercase()),
                _ => cased && !s.chars().any(|c| c.is_ascii_uppercase()),
            }))
        }
        (Value::Str(sep, _), "join") => {
            let items = iterable_items(&args.positional.first()?.0)?;
            let parts: Option<Vec<String>> = items
                .into_iter()
                .map(|v| match data(v) {
                    Value::Str(s, _) => Some(s),
                    _ => None,
                })
                .collect();
            let parts = parts?;
            let len = parts.iter().try_fold(
                sep.len().checked_mul(parts.len().saturating_sub(1))?,
                |len, part| len.checked_add(part.len()),
            )?;
            (len <= MAX_TEXT).then(|| Value::Str(parts.join(&sep), span))
        }
        (Value::Str(template, _), "format") => {
            format_string(&template, &args).map(|s| Value::Str(s, span))
        }
        _ => None,
    }
}

/// `str.format` for plain `{}`, `{0}` and `{name}` fields of strings and integers.
pub(super) fn format_string(template: &str, args: &CallArgs<'_>) -> Option<String> {
    let text = |v: &Value<'_>| match member_part(v, FORMAT).as_ref().unwrap_or(v) {
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

/// A string picked from others (by `sorted`, `max`, `min`) as written at the call that picked it:
/// a fix of the literal it came from could change which one is picked.
fn placed_at<'a>(item: Value<'a>, at: &Span) -> Value<'a> {
    match item {
        Value::Str(s, _) => Value::Str(s, at.clone()),
        other => other,
    }
}

/// An instance of a dataclass of the repository: its fields bound to the call's arguments as the
/// generated `__init__` binds them (positional in order, then by keyword, then the defaults),
/// and the class as its base, so that class attributes are found through it. `None` when the
/// call is not one that `__init__` accepts, or one this interpreter cannot bind (a `*` or `**`
/// expansion it cannot read).
fn dataclass_instance<'a>(
    class: &str,
    attributes: &super::value::Attributes<'a>,
    args: &CallArgs<'a>,
    call: &ast::ExprCall,
) -> Option<Value<'a>> {
    use super::value::{BASE, FIELDS, NO_DEFAULT};
    if args.spread.is_some()
        || call
            .arguments
            .args
            .iter()
            .any(|a| matches!(a, Expr::Starred(_)))
        || call.arguments.keywords.iter().any(|k| k.arg.is_none())
    {
        return None;
    }
    let Some(Value::List(fields)) = attributes.borrow().get(FIELDS).cloned() else {
        return None;
    };
    let mut named = Vec::with_capacity(fields.len());
    for field in fields {
        let Value::List(pair) = field else {
            return None;
        };
        let [Value::Other(name), default] = <[Value<'a>; 2]>::try_from(pair).ok()? else {
            return None;
        };
        named.push((name, default));
    }
    if args.positional.len() > named.len() {
        return None;
    }
    let mut values: Vec<Option<Value<'a>>> = vec![None; named.len()];
    for (slot, (value, _)) in values.iter_mut().zip(&args.positional) {
        *slot = Some(value.clone());
    }
    for (key, value, _) in &args.keywords {
        let at = named.iter().position(|(name, _)| name == key)?;
        if values[at].is_some() {
            return None;
        }
        values[at] = Some(value.clone());
    }
    let mut instance = HashMap::default();
    for ((name, default), value) in named.into_iter().zip(values) {
        let value = match (value, default) {
            (Some(value), _) => value,
            (None, Value::Other(marker)) if marker == NO_DEFAULT => return None,
            (None, default) => default,
        };
        instance.insert(name, value);
    }
    instance.insert(
        BASE.to_string(),
        Value::Class(class.to_string(), attributes.clone()),
    );
    instance.insert(super::value::INSTANCE.to_string(), Value::Bool(true));
    Some(Value::Class(
        class.to_string(),
        super::value::attributes(instance),
    ))
}

/// How a function defined in a class body is bound when read through the class or an instance.
enum MethodKind {
    /// No decorator: an instance passes itself first.
    Plain,
    Static,
    /// The class (of the instance) is passed first.
    Class,
    /// Read through an instance, the function is called with it.
    Property,
    /// Another decorator: not followed, the function is as it was defined.
    Other,
}

fn method_kind(function: &super::value::Function<'_>) -> MethodKind {
    let Code::Def(def) = function.code else {
        return MethodKind::Plain;
    };
    match def.decorator_list.as_slice() {
        [] => MethodKind::Plain,
        [only] => match &only.expression {
            Expr::Name(name) => match name.id.as_str() {
                "staticmethod" => MethodKind::Static,
                "classmethod" => MethodKind::Class,
                "property" => MethodKind::Property,
                _ => MethodKind::Other,
            },
            _ => MethodKind::Other,
        },
        _ => MethodKind::Other,
    }
}

/// `functools.partial(function, first)`: a method bound to its instance or class.
fn bound_to<'a>(function: &std::rc::Rc<super::value::Function<'a>>, first: Value<'a>) -> Value<'a> {
    Value::Call(
        "functools.partial".into(),
        Box::new([Value::Function(function.clone()), first]),
        Box::new([]),
    )
}

impl<'a> Interp<'a> {
    /// A value found on a class or an instance (`depth` up its chain, 0 in itself), as Python
    /// reads it there: a function of a class body read through an instance is bound to it (a
    /// property is called with it), a `classmethod` is bound to the class, a `staticmethod`
    /// and anything else are as they are. A function an instance holds itself is not bound.
    pub(super) fn method(
        &mut self,
        frame: &Frame<'a>,
        class: &str,
        attributes: &super::value::Attributes<'a>,
        value: Value<'a>,
        depth: usize,
        range: TextRange,
    ) -> Value<'a> {
        let Value::Function(function) = &value else {
            return value;
        };
        let instance = attributes.borrow().contains_key(super::value::INSTANCE);
        if instance && depth == 0 {
            return value;
        }
        let receiver = Value::Class(class.to_string(), attributes.clone());
        match (method_kind(function), instance) {
            (MethodKind::Plain, true) => bound_to(function, receiver),
            (MethodKind::Class, false) => bound_to(function, receiver),
            (MethodKind::Class, true) => match attributes.borrow().get(super::value::BASE) {
                Some(class @ Value::Class(..)) => bound_to(function, class.clone()),
                _ => value.clone(),
            },
            (MethodKind::Property, true) => {
                let span = self.span(frame.module, range);
                let args = CallArgs {
                    positional: vec![(receiver, span)],
                    keywords: Vec::new(),
                    spread: None,
                };
                let function = function.clone();
                self.call_function(frame, &function, args, range)
            }
            _ => value,
        }
    }
}

/// Python's whitespace for `str.strip()` and `str.split()`: Unicode's, and the four separators
/// `\x1c` to `\x1f`, which Rust's does not count.
fn python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `str.split` and `str.rsplit` (`right`) with `sep` (`None`: runs of whitespace) and
/// `maxsplit` (negative: no limit); `None` for an empty separator, which Python refuses, and for
/// more pieces than a list the interpreter holds (a 16 MiB text split on each character is not
/// made first).
fn python_split(s: &str, sep: Option<&str>, maxsplit: i64, right: bool) -> Option<Vec<String>> {
    let most = MAX_VALUE_WEIGHT;
    let limit = usize::try_from(maxsplit).ok();
    let pieces: Vec<String> = match sep {
        Some("") => return None,
        Some(sep) => match (limit, right) {
            // Without a limit, both ends give the same pieces.
            (None, _) => s.split(sep).take(most + 1).map(str::to_string).collect(),
            (Some(n), false) => s
                .splitn(n.saturating_add(1), sep)
                .take(most + 1)
                .map(str::to_string)
                .collect(),
            (Some(n), true) => {
                let mut pieces: Vec<String> = s
                    .rsplitn(n.saturating_add(1), sep)
                    .take(most + 1)
                    .map(str::to_string)
                    .collect();
                pieces.reverse();
                pieces
            }
        },
        None if !right => {
            let mut pieces = Vec::new();
            let mut rest = s.trim_start_matches(python_space);
            while !rest.is_empty() && pieces.len() <= most {
                if limit == Some(pieces.len()) {
                    pieces.push(rest.to_string());
                    break;
                }
                let end = rest.find(python_space).unwrap_or(rest.len());
                pieces.push(rest[..end].to_string());
                rest = rest[end..].trim_start_matches(python_space);
            }
            pieces
        }
        None => {
            let mut pieces = Vec::new();
            let mut rest = s.trim_end_matches(python_space);
            while !rest.is_empty() && pieces.len() <= most {
                if limit == Some(pieces.len()) {
                    pieces.push(rest.to_string());
                    break;
                }
                let start = rest
                    .char_indices()
                    .rev()
                    .find(|(_, c)| python_space(*c))
                    .map_or(0, |(i, c)| i + c.len_utf8());
                pieces.push(rest[start..].to_string());
                rest = rest[..start].trim_end_matches(python_space);
            }
            pieces.reverse();
            pieces
        }
    };
    (pieces.len() <= most).then_some(pieces)
}

/// Whether calling a class of the repository makes an instance [`Interp::instance`] follows:
/// the class and each base up its chain were defined without a decorator and with no base from
/// outside the repository (an `Enum`, a dataclass, a pydantic model are not).
fn plain_class(attributes: &super::value::Attributes<'_>) -> bool {
    let mut current = attributes.clone();
    for _ in 0..1_000 {
        let base = {
            let map = current.borrow();
            if !map.contains_key(super::value::PLAIN) || map.contains_key(super::value::INSTANCE) {
                return false;
            }
            match map.get(super::value::BASE) {
                Some(Value::Class(_, base)) => base.clone(),
                _ => return true,
            }
        };
        current = base;
    }
    false
}
