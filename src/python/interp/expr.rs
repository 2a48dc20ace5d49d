//! Expressions: literals, names and attributes, operators, comparisons, conditional expressions,
//! f-strings, subscripts and comprehensions, each evaluated to a known value where the repository's
//! own text determines it, and to an unknown value with its reason and place otherwise.

use rustc_hash::FxHashMap as HashMap;

use ruff_python_ast::{
    self as ast, BoolOp, CmpOp, Expr, InterpolatedStringElement, Number, Operator, UnaryOp,
};
use ruff_text_size::{Ranged, TextRange};

use super::call::is_known_method;
use super::tecton::qualified;
use super::value::{
    class_attribute, contains, data, equal, is_concrete, iterable_items, member_part, order,
    truthiness, weight, Code, Value, FORMAT, STR,
};
use super::{
    Frame, Interp, MAX_EVAL_DEPTH, MAX_PAD_WIDTH, MAX_STEPS, MAX_UNROLL, MAX_VALUE_WEIGHT,
};
use crate::diagnostic::Diagnostic;
use crate::model::Kind;
use crate::python::{Api, Unresolved};
use crate::sdk::api::Import;

impl<'a> Interp<'a> {
    pub(super) fn eval(&mut self, frame: &mut Frame<'a>, expr: &'a Expr) -> Value<'a> {
        if self.eval_depth >= MAX_EVAL_DEPTH {
            return self.unknown(
                frame.module,
                expr.range(),
                "an expression nested too deeply",
            );
        }
        self.eval_depth += 1;
        self.steps += 1;
        let value = self.eval_inner(frame, expr);
        self.eval_depth -= 1;
        // A name, attribute or item read is a copy of the value: a large one costs its size.
        if matches!(
            expr,
            Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_)
        ) {
            self.steps = self
                .steps
                .saturating_add(weight(&value, MAX_STEPS).saturating_sub(1));
        }
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

    pub(super) fn eval_inner(&mut self, frame: &mut Frame<'a>, expr: &'a Expr) -> Value<'a> {
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
            Expr::Name(name) => match self.lookup(frame, name.id.as_str(), name.range) {
                // A module's `__name__` is its dotted path, as Tecton imports it (`views.spend`):
                // a string where it is read. A package's `__init__.py` runs twice under two
                // names (`pkg`, then `pkg.__init__`), so there it stays unknown.
                Value::Other(module_name)
                    if name.id.as_str() == "__name__"
                        && !self.modules.module(frame.module).is_package =>
                {
                    Value::Str(module_name, self.span(frame.module, name.range))
                }
                value => value,
            },
            Expr::Attribute(attr) => {
                let base = self.eval(frame, &attr.value);
                let name = attr.attr.id.as_str();
                match base {
                    Value::Module(index) => {
                        let value = self.import_from_local(index, name, frame, attr.range, true);
                        // A name the module binds to something unknown keeps its own reason.
                        let bound = self.states[index].globals.contains_key(name);
                        if let (Value::Unknown(_), false) = (&value, bound) {
                            return self.unknown(
                                module,
                                attr.range,
                                format!(
                                    "`{}` is not a top-level name of `{}`",
                                    name,
                                    self.modules.module(index).name
                                ),
                            );
                        }
                        value
                    }
                    Value::External(q) => {
                        if let Some(index) = self.imported_submodule(&q, name) {
                            return Value::Module(index);
                        }
                        if let Some(Api { api, minor }) = self.api {
                            let full = qualified(&q, name);
                            let never_loaded = super::LAZY_SUBMODULES.contains(&full.as_str())
                                && !self.imported_lazily(&full)
                                && api.import(&full, None) == Import::Ok;
                            if never_loaded {
                                let span = self.span(module, attr.range);
                                self.raise(
                                    Diagnostic::new(
                                        "TP001",
                                        format!("Tecton cannot import this file: module `{q}` has no attribute `{name}` in SDK {minor} (AttributeError): `import {q}` does not load `{full}`, and no file of the repository imports it"),
                                    )
                                    .at(span)
                                    .with_help(format!("import it where it is used: `import {full}`, or `from {full} import X` and use `X`")),
                                );
                                return Value::External(full);
                            }
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
                        Value::External(qualified(&q, name))
                    }
                    // `source.unfiltered()`, `source.select_range(...)` (SDK 1.0 on): a
                    // `FilteredSource` of the data source, which views read as the source.
                    Value::Object(index)
                        if matches!(name, "unfiltered" | "select_range")
                            && self.objects.get(index).is_some_and(|o| {
                                matches!(
                                    o.kind,
                                    Kind::BatchSource | Kind::StreamSource | Kind::PushSource
                                )
                            })
                            && self.api.is_none_or(|a| a.minor.major >= 1) =>
                    {
                        Value::Method(Box::new(Value::Object(index)), name.to_string())
                    }
                    Value::Class(class, attributes) => match class_attribute(&attributes, name) {
                        Some((value, depth)) => {
                            self.method(frame, &class, &attributes, value, depth, attr.range)
                        }
                        // `Team.RISK.upper()`: a method of the mixed-in `str`.
                        None if let Some(data) = attributes
                            .borrow()
                            .get(super::value::DATA)
                            .filter(|data| is_known_method(data, name)) =>
                        {
                            Value::Method(Box::new(data.clone()), name.to_string())
                        }
                        None if attributes.borrow().contains_key(super::value::OTHER_BASES) => {
                            self.unknown(
                                module,
                                attr.range,
                                format!("`{name}` is not set in the body of class `{class}`, and its bases are not followed (several, or from outside the repository)"),
                            )
                        }
                        None => self.unknown(
                            module,
                            attr.range,
                            format!("`{name}` is not set in the body of class `{class}`"),
                        ),
                    },
                    Value::Unknown(u) => Value::Unknown(u),
                    base @ (Value::Str(..) | Value::Dict(_) | Value::List(_))
                        if is_known_method(&base, name) =>
                    {
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
                let tuple = matches!(&*bin.right, Expr::Tuple(_));
                self.binary(frame, bin.op, left, right, tuple, bin.range)
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
                    let verdict = match op {
                        CmpOp::Eq => equal(&left, &right),
                        CmpOp::NotEq => equal(&left, &right).map(|e| !e),
                        CmpOp::Lt => order(&left, &right).map(|o| o.is_lt()),
                        CmpOp::LtE => order(&left, &right).map(|o| o.is_le()),
                        CmpOp::Gt => order(&left, &right).map(|o| o.is_gt()),
                        CmpOp::GtE => order(&left, &right).map(|o| o.is_ge()),
                        CmpOp::In => contains(&right, &left),
                        CmpOp::NotIn => contains(&right, &left).map(|c| !c),
                        // `is None` / `is not None`: the one identity that values tell.
                        CmpOp::Is | CmpOp::IsNot => {
                            let same = match (&left, &right) {
                                (Value::None, Value::None) => Some(true),
                                (Value::None, other) | (other, Value::None) => {
                                    is_concrete(other).then_some(false)
                                }
                                _ => None,
                            };
                            same.map(|same| same == matches!(op, CmpOp::Is))
                        }
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
            // `L[1:]`, `NAME[:-3]`, `NAME[::-1]` of a known list or string.
            Expr::Subscript(sub) if matches!(&*sub.slice, Expr::Slice(_)) => {
                let base = self.eval(frame, &sub.value);
                let Expr::Slice(slice) = &*sub.slice else {
                    unreachable!("matched above")
                };
                let mut bound = |this: &mut Self, part: &'a Option<Box<Expr>>| match part {
                    None => Some(None),
                    Some(expr) => match this.eval(frame, expr) {
                        Value::Int(i) => Some(Some(i)),
                        Value::None => Some(None),
                        _ => None,
                    },
                };
                let (lower, upper, step) = (
                    bound(self, &slice.lower),
                    bound(self, &slice.upper),
                    bound(self, &slice.step),
                );
                let sliced = match (&base, lower, upper, step) {
                    (Value::List(items), Some(lower), Some(upper), Some(step)) => {
                        slice_positions(items.len(), lower, upper, step).map(|at| {
                            Value::List(at.into_iter().map(|i| items[i].clone()).collect())
                        })
                    }
                    (Value::Str(text, _), Some(lower), Some(upper), Some(step)) => {
                        let chars: Vec<char> = text.chars().collect();
                        slice_positions(chars.len(), lower, upper, step).map(|at| {
                            Value::Str(
                                at.into_iter().map(|i| chars[i]).collect(),
                                self.span(module, sub.range),
                            )
                        })
                    }
                    (Value::Unknown(u), ..) => Some(Value::Unknown(u.clone())),
                    _ => None,
                };
                sliced.unwrap_or_else(|| {
                    self.unknown(
                        module,
                        sub.range,
                        format!("`{}`", self.text(module, sub.range)),
                    )
                })
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
            // `last = L.pop()`, `value = D.setdefault(k, v)`: the dict or list changes where it
            // lives, and the call gives what Python's returns.
            Expr::Call(call) => match self.changing_call(frame, expr, true) {
                Some(value) => value,
                None => self.eval_call(frame, call),
            },
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
            Expr::Lambda(lambda) => self.define(frame, Code::Lambda(lambda)),
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

    pub(super) fn eval_sequence(
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

    pub(super) fn eval_fstring(
        &mut self,
        frame: &mut Frame<'a>,
        f: &'a ast::ExprFString,
    ) -> Value<'a> {
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
                                // A member of a mixed-in `Enum`: what `format()` or `str()` (`!s`)
                                // makes of it, where Python's versions agree.
                                let part = match inner.conversion {
                                    ast::ConversionFlag::None => Some(FORMAT),
                                    ast::ConversionFlag::Str => Some(STR),
                                    _ => None,
                                };
                                let value = match part.and_then(|part| member_part(&value, part)) {
                                    Some(Value::Other(reason)) => {
                                        return self.unknown(module, inner.range, reason)
                                    }
                                    Some(text) => text,
                                    None => value,
                                };
                                if inner.format_spec.is_some()
                                    || inner.conversion != ast::ConversionFlag::None
                                {
                                    if let Value::Unknown(u) = value {
                                        return Value::Unknown(u);
                                    }
                                    let spec = inner.format_spec.as_deref().map(|spec| {
                                        spec.elements
                                            .iter()
                                            .map(|e| match e {
                                                InterpolatedStringElement::Literal(lit) => {
                                                    Some(&*lit.value)
                                                }
                                                InterpolatedStringElement::Interpolation(_) => None,
                                            })
                                            .collect::<Option<String>>()
                                    });
                                    let formatted = match spec {
                                        None => Some(String::new()),
                                        Some(spec) => spec,
                                    }
                                    .and_then(|spec| format_field(&value, inner.conversion, &spec));
                                    match formatted {
                                        Some(text) => out.push_str(&text),
                                        None => {
                                            return self.unknown(
                                                module,
                                                inner.range,
                                                "an f-string field with a format or conversion",
                                            )
                                        }
                                    }
                                    continue;
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

    /// `left op right`; `tuple` when `right` is written as a tuple (`"%s_%s" % (a, b)` formats
    /// its items, where a list would be formatted whole).
    pub(super) fn binary(
        &mut self,
        frame: &Frame<'a>,
        op: Operator,
        left: Value<'a>,
        right: Value<'a>,
        tuple: bool,
        range: TextRange,
    ) -> Value<'a> {
        let module = frame.module;
        // `|`, `&`, `^` and shifts of bools and ints (not of enum members: an `IntFlag`'s are
        // members again, written otherwise).
        let bitwise = matches!(
            op,
            Operator::BitOr
                | Operator::BitAnd
                | Operator::BitXor
                | Operator::LShift
                | Operator::RShift
        );
        if bitwise {
            if let Some(value) = bitwise_of(op, &left, &right) {
                return value;
            }
        }
        // A member of an `Enum` with `str` or `int` mixed in takes part as its value; the items
        // `%` formats are written as `%s` or `%d` writes them.
        let left = data(left);
        let right = if op == Operator::Mod {
            right
        } else {
            data(right)
        };
        // Python's ints do not overflow: a result past 64 bits is not followed.
        let int = |result: Option<i64>| result.map(Value::Int);
        let known = match (op, &left, &right) {
            (Operator::Add, Value::Int(a), Value::Int(b)) => int(a.checked_add(*b)),
            (Operator::Sub, Value::Int(a), Value::Int(b)) => int(a.checked_sub(*b)),
            (Operator::Mult, Value::Int(a), Value::Int(b)) => int(a.checked_mul(*b)),
            (Operator::Mod, Value::Int(a), Value::Int(b)) => int(python_mod(*a, *b)),
            (Operator::FloorDiv, Value::Int(a), Value::Int(b)) => int(python_floor_div(*a, *b)),
            (Operator::Mod, Value::Str(format, _), args) => {
                let args: Option<Vec<&Value<'a>>> = match args {
                    Value::List(items) if tuple => Some(items.iter().collect()),
                    Value::List(_) | Value::Dict(_) | Value::Unknown(_) => None,
                    single => Some(vec![single]),
                };
                args.and_then(|args| percent_format(format, &args))
                    .map(|text| Value::Str(text, self.span(module, range)))
            }
            _ => None,
        };
        if let Some(value) = known {
            return value;
        }
        match (op, left, right) {
            (Operator::Add, Value::Str(a, _), Value::Str(b, _)) => {
                Value::Str(a + &b, self.span(module, range))
            }
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

    pub(super) fn eval_comprehension(
        &mut self,
        frame: &mut Frame<'a>,
        generators: &'a [ast::Comprehension],
        element: &'a Expr,
        value: Option<&'a Expr>,
        range: TextRange,
    ) -> Value<'a> {
        let mut results = Vec::new();
        frame.scopes.push(HashMap::default());
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
    pub(super) fn comprehend(
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
}

/// Python's `a % b` of ints: the sign of the divisor (`-7 % 3` is 2); `None` for a zero divisor.
fn python_mod(a: i64, b: i64) -> Option<i64> {
    let r = a.checked_rem(b)?;
    Some(if r != 0 && (r < 0) != (b < 0) {
        r + b
    } else {
        r
    })
}

/// Python's `a // b` of ints: rounded toward negative infinity; `None` for a zero divisor.
fn python_floor_div(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    Some(if a % b != 0 && (a < 0) != (b < 0) {
        q - 1
    } else {
        q
    })
}

/// Python's `format % args` for the conversions a name or a version is built with: `%s`, `%d`,
/// `%i` and `%r` of strings, ints, bools and `None`, with a `-` or `0` flag and a width, and
/// `%%`. `None` for anything else (a precision, `%(key)s`, a float), and where Python raises
/// (too few or too many arguments, `%d` of a string).
fn percent_format(format: &str, args: &[&Value<'_>]) -> Option<String> {
    let mut out = String::with_capacity(format.len());
    let mut args = args.iter();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let (mut left, mut zero) = (false, false);
        while let Some(&flag @ ('-' | '0')) = chars.peek() {
            left |= flag == '-';
            zero |= flag == '0';
            chars.next();
        }
        let mut width = 0usize;
        while let Some(digit) = chars.peek().and_then(|d| d.to_digit(10)) {
            width = width.checked_mul(10)?.checked_add(digit as usize)?;
            chars.next();
        }
        if width > MAX_PAD_WIDTH {
            return None;
        }
        let conversion = chars.next()?;
        if conversion == '%' {
            if left || zero || width > 0 {
                return None;
            }
            out.push('%');
            continue;
        }
        let mut value = *args.next()?;
        // A member of a mixed-in `Enum`: `%s` writes what `str()` makes of it, `%d` its value.
        let member = match conversion {
            's' => member_part(value, STR),
            'd' | 'i' => member_part(value, super::value::DATA),
            _ => None,
        };
        match &member {
            Some(Value::Other(_)) => return None,
            Some(part) => value = part,
            None => {}
        }
        let text = match (conversion, value) {
            ('s', Value::Str(s, _)) => s.clone(),
            ('r', Value::Str(s, _))
                if !s.contains(['\\', '\'']) && s.chars().all(|c| (' '..='~').contains(&c)) =>
            {
                format!("'{s}'")
            }
            ('s' | 'r' | 'd' | 'i', Value::Int(i)) => i.to_string(),
            ('s' | 'r', Value::Bool(b)) => if *b { "True" } else { "False" }.to_string(),
            ('d' | 'i', Value::Bool(b)) => i64::from(*b).to_string(),
            ('s' | 'r', Value::None) => "None".to_string(),
            _ => return None,
        };
        let numeric = matches!(conversion, 'd' | 'i');
        let (fill, align) = match (left, zero && numeric) {
            (true, _) => (' ', '<'),
            (false, true) => ('0', '='),
            (false, false) => (' ', '>'),
        };
        let (sign, body) = match text.strip_prefix('-') {
            Some(digits) if numeric => ("-", digits),
            _ => ("", text.as_str()),
        };
        out.push_str(&aligned(sign, body, fill, align, width));
    }
    // Python raises "not all arguments converted" for arguments left over.
    args.next().is_none().then_some(out)
}

/// An f-string field with a conversion (`!s`, `!r`, `!a`) or a format spec, as Python formats a
/// string or an int: `[[fill]align][sign][0][width][type]` with the type `s` for a string and `d`
/// for an int. `None` for anything else (a precision, grouping, a float, a bool with a spec,
/// which Python formats as an int).
fn format_field(value: &Value<'_>, conversion: ast::ConversionFlag, spec: &str) -> Option<String> {
    let word = |b: bool| if b { "True" } else { "False" }.to_string();
    let (text, numeric) = match (conversion, value) {
        (ast::ConversionFlag::None, Value::Int(i)) => (i.to_string(), true),
        (ast::ConversionFlag::None | ast::ConversionFlag::Str, Value::Str(s, _)) => {
            (s.clone(), false)
        }
        (ast::ConversionFlag::Str, Value::Int(i)) => (i.to_string(), false),
        (ast::ConversionFlag::Str, Value::Bool(b)) => (word(*b), false),
        (ast::ConversionFlag::Str, Value::None) => ("None".to_string(), false),
        (ast::ConversionFlag::None, Value::Bool(b)) if spec.is_empty() => (word(*b), false),
        (ast::ConversionFlag::None, Value::None) if spec.is_empty() => ("None".to_string(), false),
        (ast::ConversionFlag::Repr | ast::ConversionFlag::Ascii, value) => {
            (percent_format("%r", &[value])?, false)
        }
        _ => return None,
    };
    if spec.is_empty() {
        return Some(text);
    }
    let chars: Vec<char> = spec.chars().collect();
    let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
    let (mut fill, mut align, mut i) = (' ', None, 0);
    if chars.len() >= 2 && is_align(chars[1]) {
        (fill, align, i) = (chars[0], Some(chars[1]), 2);
    } else if chars.first().is_some_and(|&c| is_align(c)) {
        (align, i) = (Some(chars[0]), 1);
    }
    let mut sign = '-';
    if numeric && chars.get(i).is_some_and(|c| matches!(c, '+' | '-' | ' ')) {
        sign = chars[i];
        i += 1;
    }
    let zero = chars.get(i) == Some(&'0');
    if zero {
        i += 1;
    }
    let mut width = 0usize;
    while let Some(digit) = chars.get(i).and_then(|c| c.to_digit(10)) {
        width = width.checked_mul(10)?.checked_add(digit as usize)?;
        i += 1;
    }
    let kind: String = chars[i..].iter().collect();
    let known_type = match kind.as_str() {
        "" => true,
        "d" => numeric,
        "s" => !numeric,
        _ => false,
    };
    if !known_type || width > MAX_PAD_WIDTH || (!numeric && (zero || align == Some('='))) {
        return None;
    }
    if zero && align.is_none() {
        (fill, align) = ('0', Some('='));
    }
    let (prefix, body) = match text.strip_prefix('-') {
        Some(digits) if numeric => ("-", digits),
        _ if numeric && sign == '+' => ("+", text.as_str()),
        _ if numeric && sign == ' ' => (" ", text.as_str()),
        _ => ("", text.as_str()),
    };
    let align = align.unwrap_or(if numeric { '>' } else { '<' });
    Some(aligned(prefix, body, fill, align, width))
}

/// `sign` and `body` padded to `width` with `fill`, as Python aligns a field: `<`, `>`, `^` (the
/// odd fill character on the right) or `=` (the fill between the sign and the digits).
fn aligned(sign: &str, body: &str, fill: char, align: char, width: usize) -> String {
    let pad = width.saturating_sub(sign.chars().count() + body.chars().count());
    let fills = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
    match align {
        '=' => format!("{sign}{}{body}", fills(pad)),
        '<' => format!("{sign}{body}{}", fills(pad)),
        '^' => format!("{}{sign}{body}{}", fills(pad / 2), fills(pad - pad / 2)),
        _ => format!("{}{sign}{body}", fills(pad)),
    }
}

/// Python's `|`, `&`, `^`, `<<` and `>>` of two bools (a bool) or of ints and bools (an int),
/// where the result fits in 64 bits; `None` for anything else.
fn bitwise_of<'a>(op: Operator, left: &Value<'a>, right: &Value<'a>) -> Option<Value<'a>> {
    if let (Value::Bool(a), Value::Bool(b)) = (left, right) {
        return match op {
            Operator::BitOr => Some(Value::Bool(a | b)),
            Operator::BitAnd => Some(Value::Bool(a & b)),
            Operator::BitXor => Some(Value::Bool(a ^ b)),
            _ => bitwise_of(op, &Value::Int(i64::from(*a)), &Value::Int(i64::from(*b))),
        };
    }
    let int = |value: &Value<'a>| match value {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    };
    let (a, b) = (int(left)?, int(right)?);
    let result = match op {
        Operator::BitOr => a | b,
        Operator::BitAnd => a & b,
        Operator::BitXor => a ^ b,
        // A negative count is Python's ValueError; past 64 bits, not followed.
        Operator::LShift => {
            let count = u32::try_from(b).ok().filter(|c| *c < 64)?;
            let shifted = a.checked_shl(count)?;
            (shifted >> count == a).then_some(shifted)?
        }
        Operator::RShift => a >> u32::try_from(b).ok()?.min(63),
        _ => return None,
    };
    Some(Value::Int(result))
}

/// The positions `[lower:upper:step]` takes from a sequence of `len` items, as Python's
/// `slice.indices` works them out (a bound past either end is clamped); `None` for a step of 0,
/// which Python refuses.
fn slice_positions(
    len: usize,
    lower: Option<i64>,
    upper: Option<i64>,
    step: Option<i64>,
) -> Option<Vec<usize>> {
    let len = i128::try_from(len).ok()?;
    let step = i128::from(step.unwrap_or(1));
    if step == 0 {
        return None;
    }
    let adjust = |bound: Option<i64>, default: i128| match bound {
        None => default,
        Some(b) => {
            let b = i128::from(b);
            if b < 0 {
                let b = b + len;
                if b < 0 {
                    if step < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    b
                }
            } else if b >= len {
                if step < 0 {
                    len - 1
                } else {
                    len
                }
            } else {
                b
            }
        }
    };
    let (start, stop) = if step > 0 {
        (adjust(lower, 0), adjust(upper, len))
    } else {
        (adjust(lower, len - 1), adjust(upper, -1))
    };
    let mut positions = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        positions.push(usize::try_from(i).ok()?);
        i += step;
    }
    Some(positions)
}
