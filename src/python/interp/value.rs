//! The interpreter's values and the operations on them that need no interpreter state: Python's
//! truthiness and `==` where they are known, iteration, sorting, dict updates, and the size of a
//! value (which bounds how much of a repository's data is followed).

use rustc_hash::FxHashMap as HashMap;

use ruff_python_ast::{self as ast};

use super::tecton::PendingDecorator;
use crate::diagnostic::Span;
use crate::python::Unresolved;

/// A value during interpretation. Richer than [`PyValue`]: it also knows modules and functions.
#[derive(Clone, Debug)]
pub(super) enum Value<'a> {
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
    /// A function of the repository (`def` or `lambda`).
    Function(std::rc::Rc<Function<'a>>),
    /// A call of something outside the repository: boxed slices, as every value is as large as
    /// this variant.
    Call(Box<str>, Box<[Value<'a>]>, Box<[(String, Value<'a>)]>),
    /// A method of a known string or dict, not yet called (`"_".join`, `CONFIGS.items`).
    Method(Box<Value<'a>>, String),
    /// A class defined in the repository, with the names its body bound (`Config.RUNTIME`).
    /// Shared, as Python shares the class: `Config.RUNTIME = "1.2.7"` shows wherever it is held.
    Class(String, Attributes<'a>),
    Other(String),
    Unknown(Unresolved),
}

/// The attributes of a class, shared by every value that holds the class.
pub(super) type Attributes<'a> = std::rc::Rc<std::cell::RefCell<HashMap<String, Value<'a>>>>;

/// Where a class keeps its one base of the repository, under a key no Python name can be.
pub(super) const BASE: &str = "\0base";

/// Where a dataclass keeps its fields, in order: `[name, default]` pairs (the name as
/// `Value::Other`), the default `Value::Other(NO_DEFAULT)` for a field without one.
pub(super) const FIELDS: &str = "\0fields";

/// The default of a dataclass field that has none (the call must pass it).
pub(super) const NO_DEFAULT: &str = "\0no default";

/// Set in a class whose bases are not followed (several, or one from outside the repository).
pub(super) const OTHER_BASES: &str = "\0other-bases";

/// The module a class defined at a module's top level belongs to (its `__module__`).
pub(super) const MODULE: &str = "\0module";

/// Set in a class defined without a decorator or a keyword (`metaclass=`), with no base from
/// outside the repository and no dataclass fields: calling it makes an instance whose `__init__`
/// is followed (if its bases are such classes too).
pub(super) const PLAIN: &str = "\0plain";

/// Set in an instance (of a dataclass, or of a class whose `__init__` is followed): its class is
/// its base, and the functions found there are its methods.
pub(super) const INSTANCE: &str = "\0instance";

/// Set in a member of an `Enum` that `str`, `int` or `float` mixes into (`class Team(str, Enum)`,
/// `StrEnum`, `IntEnum`): the value as the mixed-in type holds it, which is what `+`, `==`,
/// `in`, dict keys, string methods and the SDK see (the member is a `str` or an `int`).
/// `Value::Other(reason)` when that is not known.
pub(super) const DATA: &str = "\0data";

/// Set beside [`DATA`]: what `str()` and `%s` make of the member, where every Python version
/// makes the same (`Team.RISK` for `class Team(str, Enum)`), else `Value::Other(reason)`.
pub(super) const STR: &str = "\0str";

/// Set beside [`DATA`]: the value `format()` (an f-string field, `str.format`) formats, where
/// every Python version formats the same, else `Value::Other(reason)`.
pub(super) const FORMAT: &str = "\0format";

/// One of the hidden parts ([`DATA`], [`STR`], [`FORMAT`]) of a member of an `Enum` with a mixed-in
/// type; `None` for any other value.
pub(super) fn member_part<'a>(value: &Value<'a>, part: &str) -> Option<Value<'a>> {
    match value {
        Value::Class(_, attributes) => attributes.borrow().get(part).cloned(),
        _ => None,
    }
}

/// The value Python's operators and the SDK see: a mixed-in enum member's [`DATA`] where it is
/// known, the value itself otherwise.
pub(super) fn data<'a>(value: Value<'a>) -> Value<'a> {
    match member_part(&value, DATA) {
        Some(Value::Other(_)) | None => value,
        Some(data) => data,
    }
}

/// [`data`] of a borrowed value, borrowed again when it is no such member.
pub(super) fn data_ref<'v, 'a>(value: &'v Value<'a>) -> std::borrow::Cow<'v, Value<'a>> {
    match member_part(value, DATA) {
        Some(Value::Other(_)) | None => std::borrow::Cow::Borrowed(value),
        Some(data) => std::borrow::Cow::Owned(data),
    }
}

/// A class attribute as Python finds it: in the class (or instance), then up its chain of bases
/// (a class with one base of the repository; Python's order is then that chain), with how far
/// up it was found (0: in `attributes` itself). `None` when no class of the chain binds it.
pub(super) fn class_attribute<'a>(
    attributes: &Attributes<'a>,
    name: &str,
) -> Option<(Value<'a>, usize)> {
    let (owner, depth) = binding_class(attributes, name)?;
    let value = owner.borrow().get(name).cloned()?;
    Some((value, depth))
}

/// The class of a class's chain of bases (the class itself first) whose body binds `name`, and
/// how far up it is: a change in place of what it holds is seen through every class of the chain.
pub(super) fn binding_class<'a>(
    attributes: &Attributes<'a>,
    name: &str,
) -> Option<(Attributes<'a>, usize)> {
    if name.starts_with('\0') {
        return None;
    }
    let mut current = attributes.clone();
    // Each base is a class defined before the class: the chain ends; the bound is for safety.
    for depth in 0..1_000 {
        let base = {
            let map = current.borrow();
            if map.contains_key(name) {
                drop(map);
                return Some((current, depth));
            }
            match map.get(BASE) {
                Some(Value::Class(_, base)) => base.clone(),
                _ => return None,
            }
        };
        current = base;
    }
    None
}

/// The attributes of a new class.
pub(super) fn attributes<'a>(names: HashMap<String, Value<'a>>) -> Attributes<'a> {
    std::rc::Rc::new(std::cell::RefCell::new(names))
}

/// A function of the repository, with what Python fixes when it is defined.
#[derive(Clone, Debug)]
pub(super) struct Function<'a> {
    pub(super) module: usize,
    pub(super) code: Code<'a>,
    /// Parameter defaults, evaluated where the function is defined, as Python does: a default that
    /// names a constant keeps the value the constant had then. One object per function: a dict or
    /// list default that a call changes in place is changed for the next calls.
    pub(super) defaults: std::rc::Rc<std::cell::RefCell<Vec<(String, Value<'a>)>>>,
    /// The enclosing function's names when this one was defined (what a closure reads), or
    /// `None` for a function defined at module level.
    pub(super) closure: Option<HashMap<String, Value<'a>>>,
    /// The function `functools.wraps` made this one stand for: its name, parameters and code are
    /// what `inspect` reports.
    pub(super) wrapped: Option<std::rc::Rc<Function<'a>>>,
}

/// The code of a [`Function`].
#[derive(Clone, Copy, Debug)]
pub(super) enum Code<'a> {
    Def(&'a ast::StmtFunctionDef),
    Lambda(&'a ast::ExprLambda),
}

impl<'a> Function<'a> {
    /// The function `inspect` sees: through every `functools.wraps`.
    pub(super) fn unwrapped(&self) -> &Function<'a> {
        let mut function = self;
        while let Some(wrapped) = &function.wrapped {
            function = wrapped;
        }
        function
    }

    pub(super) fn parameters(&self) -> Option<&'a ast::Parameters> {
        match self.code {
            Code::Def(def) => Some(&def.parameters),
            Code::Lambda(lambda) => lambda.parameters.as_deref(),
        }
    }
}

/// A change to a dict or list held by a name.
pub(super) enum Mutation<'a> {
    Set(Value<'a>, Value<'a>),
    /// `del D[k]`, `D.pop(k)`; `del L[i]`, `L.pop(i)` (`L.pop()` is index -1).
    Remove(Value<'a>),
    SetDefault(Value<'a>, Value<'a>),
    /// `dict.update` (with a dict) or `list.extend` (with a list).
    Update(Value<'a>),
    Append(Value<'a>),
    /// `L.insert(i, v)`.
    Insert(Value<'a>, Value<'a>),
    /// `L.remove(v)`: the first item equal to `v`.
    RemoveValue(Value<'a>),
    /// `L.sort()`, `L.sort(reverse=...)`: whether reversed.
    Sort(bool),
    Reverse,
    /// `D.clear()`, `L.clear()`.
    Clear,
    /// `D.popitem()`: the last item.
    PopItem,
}

/// Whether two dict keys are the same string.
pub(super) fn same_key(a: &Value<'_>, b: &Value<'_>) -> bool {
    matches!((&*data_ref(a), &*data_ref(b)), (Value::Str(a, _), Value::Str(b, _)) if a == b)
}

/// A two-item list or tuple whose first item is a string: one item of `dict([...])`.
pub(super) fn is_key_value_pair(value: &Value<'_>) -> bool {
    matches!(value, Value::List(kv) if kv.len() == 2 && matches!(kv[0], Value::Str(..)))
}

/// `items[key] = value` on a dict's items: replaces the key's value, or adds the key.
pub(super) fn dict_set<'a>(
    items: &mut Vec<(Value<'a>, Value<'a>)>,
    key: Value<'a>,
    value: Value<'a>,
) {
    match items.iter_mut().find(|(k, _)| same_key(k, &key)) {
        Some(slot) => slot.1 = value,
        None => items.push((key, value)),
    }
}

/// Python truthiness, where it is known.
pub(super) fn truthiness(value: &Value<'_>) -> Option<bool> {
    match &*data_ref(value) {
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
pub(super) fn equal(left: &Value<'_>, right: &Value<'_>) -> Option<bool> {
    match (&*data_ref(left), &*data_ref(right)) {
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

/// Whether a value is known to be something other than `None`.
pub(super) fn is_concrete(value: &Value<'_>) -> bool {
    matches!(
        value,
        Value::Str(..)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Bool(_)
            | Value::List(_)
            | Value::Dict(_)
            | Value::Module(_)
            | Value::Object(_)
            | Value::Function(_)
            | Value::Class(..)
    )
}

/// Python's `<` family on numbers and on strings, where it is known.
pub(super) fn order(left: &Value<'_>, right: &Value<'_>) -> Option<std::cmp::Ordering> {
    match (&*data_ref(left), &*data_ref(right)) {
        (Value::Int(a), Value::Int(b)) => Some(a.cmp(b)),
        (Value::Float(a), Value::Float(b)) => a.partial_cmp(b),
        (Value::Int(a), Value::Float(b)) => (*a as f64).partial_cmp(b),
        (Value::Float(a), Value::Int(b)) => a.partial_cmp(&(*b as f64)),
        (Value::Str(a, _), Value::Str(b, _)) => Some(a.cmp(b)),
        _ => None,
    }
}

/// Python's `item in container` for lists, dict keys and substrings, where it is known.
pub(super) fn contains(container: &Value<'_>, item: &Value<'_>) -> Option<bool> {
    match (&*data_ref(container), &*data_ref(item)) {
        (Value::Str(text, _), Value::Str(part, _)) => Some(text.contains(part.as_str())),
        (Value::List(items), _) => items_contain(items.iter(), item),
        (Value::Dict(items), _) => items_contain(items.iter().map(|(k, _)| k), item),
        _ => None,
    }
}

fn items_contain<'v, 'a: 'v>(
    mut items: impl Iterator<Item = &'v Value<'a>>,
    item: &Value<'_>,
) -> Option<bool> {
    items.try_fold(false, |found, candidate| {
        if found {
            return Some(true);
        }
        equal(candidate, item)
    })
}

pub(super) fn iterable_items<'a>(value: &Value<'a>) -> Option<Vec<Value<'a>>> {
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

pub(super) fn sort_values<'a>(mut items: Vec<Value<'a>>, reverse: bool) -> Option<Value<'a>> {
    // Python's sort is stable either way: equal items keep their order under `reverse=True` too.
    let order = |ordering: std::cmp::Ordering| {
        if reverse {
            ordering.reverse()
        } else {
            ordering
        }
    };
    if items.iter().all(|v| matches!(v, Value::Str(..))) {
        items.sort_by(|a, b| match (a, b) {
            (Value::Str(a, _), Value::Str(b, _)) => order(a.cmp(b)),
            _ => std::cmp::Ordering::Equal,
        });
        return Some(Value::List(items));
    }
    if items.iter().all(|v| matches!(v, Value::Int(_))) {
        items.sort_by(|a, b| match (a, b) {
            (Value::Int(a), Value::Int(b)) => order(a.cmp(b)),
            _ => std::cmp::Ordering::Equal,
        });
        return Some(Value::List(items));
    }
    None
}

/// Python's `int(x)` of a known value: an int, a bool, a float cut toward zero, or a string of
/// decimal digits (with a sign, spaces around, and single underscores between digits).
pub(super) fn int_of(value: &Value<'_>) -> Option<i64> {
    match &*data_ref(value) {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        Value::Float(f) if f.is_finite() && f.trunc().abs() < 9.0e18 => Some(f.trunc() as i64),
        Value::Str(s, _) => {
            let text = s.trim_matches(|c: char| c.is_ascii_whitespace());
            let (negative, digits) = match text.as_bytes().first() {
                Some(b'-') => (true, &text[1..]),
                Some(b'+') => (false, &text[1..]),
                _ => (false, text),
            };
            let well_formed = !digits.is_empty()
                && digits
                    .split('_')
                    .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
            if !well_formed {
                return None;
            }
            let magnitude: i64 = digits.replace('_', "").parse().ok()?;
            Some(if negative { -magnitude } else { magnitude })
        }
        _ => None,
    }
}

/// A value's size in items (a string counts one per 64 bytes), counted no further than `limit`
/// (but for the items of a list or call of at most 64 scalars, which are all counted).
pub(super) fn weight(value: &Value<'_>, limit: usize) -> usize {
    // Most values weighed are a scalar, or a list or call of a few scalars (`timedelta(days=1)`):
    // they are weighed without the stack that a walk of nested values takes.
    let scalar = |v: &Value<'_>| match v {
        Value::Str(s, _) => Some(1 + s.len() / 64),
        Value::List(_) | Value::Dict(_) | Value::Call(..) | Value::Method(..) => None,
        _ => Some(1),
    };
    let shallow = match value {
        Value::List(items) if items.len() <= 64 => items
            .iter()
            .map(scalar)
            .sum::<Option<usize>>()
            .map(|w| w + 1),
        Value::Call(_, args, kwargs) if args.len() + kwargs.len() <= 64 => args
            .iter()
            .map(scalar)
            .chain(kwargs.iter().map(|(_, v)| scalar(v)))
            .sum::<Option<usize>>()
            .map(|w| w + 1),
        _ => scalar(value),
    };
    match shallow {
        Some(weight) => weight,
        None => walked_weight(value, limit),
    }
}

/// [`weight`] by a walk of every value inside, on a stack of its own.
fn walked_weight(value: &Value<'_>, limit: usize) -> usize {
    let mut total = 0;
    let mut stack = Vec::with_capacity(16);
    stack.push(value);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shallow_value_weighs_what_the_walk_counts() {
        let span = Span::new(std::path::Path::new("a.py"), 0, 1);
        let text = |n: usize| Value::Str("x".repeat(n), span.clone());
        let scalars = |n: usize| (0..n).map(|i| Value::Int(i as i64)).collect::<Vec<_>>();
        let values = [
            Value::Int(1),
            text(0),
            text(130),
            Value::List(Vec::new()),
            Value::List(scalars(64)),
            Value::List(scalars(65)),
            Value::List(vec![text(200), Value::None, Value::List(scalars(3))]),
            Value::Call(
                "datetime.timedelta".into(),
                Box::new([Value::Int(1)]),
                Box::new([("days".into(), Value::Int(1)), ("name".into(), text(70))]),
            ),
            Value::Call(
                "f".into(),
                scalars(40).into(),
                Box::new([("k".into(), Value::List(scalars(2)))]),
            ),
            Value::Dict(vec![(text(1), Value::Int(2))]),
            Value::Method(Box::new(text(3)), "join".into()),
        ];
        for value in &values {
            assert_eq!(
                weight(value, usize::MAX),
                walked_weight(value, usize::MAX),
                "{value:?}"
            );
        }
        // Past the limit, both say so.
        let big = Value::List(scalars(60));
        assert!(weight(&big, 10) > 10 && walked_weight(&big, 10) > 10);
    }
}
