//! Names, statements and control flow: binding and looking up names across comprehension scopes,
//! function locals and module globals; assignments, including changes to a dict or list held by a
//! name; `if` with known or unknown conditions, `for` over literal iterables (unrolled), `try`,
//! `raise`, `return`, and function definitions (where a Tecton decorator constructs its object).

use rustc_hash::FxHashMap as HashMap;
use std::rc::Rc;

use ruff_python_ast::{self as ast, Expr, Operator, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::call::CallArgs;
use super::tecton::{qualified, tecton_constructor, Form, PendingDecorator};
use super::value::{
    dict_set, equal, iterable_items, same_key, sort_values, truthiness, weight, Attributes, Code,
    Function, Mutation, Value,
};
use super::{Flow, Frame, Interp, MAX_STEPS, MAX_UNROLL, MAX_WORK};
use crate::diagnostic::Diagnostic;
use crate::model::Kind;
use crate::python::Unresolved;

/// Where a dict or list that a statement changes in place is held.
#[derive(Clone, Debug)]
pub(super) enum Place<'a> {
    /// A name where the frame finds it.
    Name(&'a str, TextRange),
    /// `module.NAME`, a global of a module of the root.
    Global(usize, &'a str),
    /// `X[key]`: an item of the dict or list another place holds (the subscript's range).
    Item(Box<Place<'a>>, Value<'a>, TextRange),
    /// `Config.FLAGS`: an attribute of a class (or instance) of the root, in the class of its
    /// chain of bases that binds it.
    Attribute(Attributes<'a>, &'a str),
}

impl<'a> Interp<'a> {
    pub(super) fn bind(&mut self, frame: &mut Frame<'a>, name: &str, value: Value<'a>) {
        // Names that stand for what this one held keep it: it is rebound, not changed.
        if self.standing && frame.scopes.is_empty() {
            let module = frame.module;
            let global = frame.locals.is_none() || frame.global_names.iter().any(|g| g == name);
            self.detach(frame, &|place: &Place<'a>| match place {
                Place::Name(n, _) => *n == name,
                Place::Global(m, n) => global && *m == module && *n == name,
                _ => false,
            });
        }
        if !frame.changed.is_empty() {
            if let Some(at) = frame.changed.iter().position(|n| n == name) {
                let name = frame.changed.swap_remove(at);
                if !frame.lost.iter().any(|(n, _)| *n == name) {
                    let held = self
                        .bound_here(frame, &name)
                        .cloned()
                        .unwrap_or(Value::None);
                    frame.lost.push((name, held));
                }
            }
        }
        if let Some(scope) = frame.scopes.last_mut() {
            scope.insert(name.to_string(), value);
        } else if let Some(locals) = frame
            .locals
            .as_mut()
            .filter(|_| !frame.global_names.iter().any(|g| g == name))
        {
            if !frame.sources.is_empty() {
                frame.sources.remove(name);
            }
            locals.insert(name.to_string(), value);
        } else {
            // A function's `global` write under a condition that cannot be decided may not
            // happen (the `if` around the call binds no name of its own to forget).
            let value = if frame.locals.is_some() {
                self.written(value)
            } else {
                value
            };
            let state = &mut self.states[frame.module];
            state.aliases.remove(name);
            if !state.sources.is_empty() {
                state.sources.remove(name);
            }
            state.globals.insert(name.to_string(), value);
        }
    }

    /// Gives a module global a new value as a change in place of the object it holds: every
    /// global that is the same object (through `from M import N`, either way) changes with it.
    pub(super) fn change_shared_global(&mut self, module: usize, name: &str, value: Value<'a>) {
        let mut work = vec![(module, name.to_string())];
        let mut slots: Vec<(usize, String)> = Vec::new();
        let mut seen: Vec<(usize, String)> = Vec::new();
        while let Some((module, name)) = work.pop() {
            if seen.contains(&(module, name.clone())) {
                continue;
            }
            let state = &self.states[module];
            if !state.globals.contains_key(&name) {
                continue;
            }
            slots.push((module, name.clone()));
            if let Some(origin) = state.aliases.get(&name) {
                work.push(origin.clone());
            }
            for (index, state) in self.states.iter().enumerate() {
                for (alias, origin) in &state.aliases {
                    if origin.0 == module && origin.1 == name {
                        work.push((index, alias.clone()));
                    }
                }
            }
            seen.push((module, name));
        }
        // The first global gets the value itself; each other one a copy, which counts as work
        // (one unit per item, as a closure's copies do): a shared list that grows in a loop
        // would otherwise cost the square of its length without limit.
        let Some(((first_module, first_name), others)) = slots.split_first() else {
            return;
        };
        for (module, name) in others {
            let cost = weight(&value, MAX_WORK);
            self.work = self.work.saturating_add(cost);
            // One that stands for an item or attribute is that object: it changes there.
            if let Some(source) = self.states[*module].sources.get(name).cloned() {
                if self.carry() {
                    let mut frame = Frame::module(*module);
                    self.write_place(&mut frame, &source, value.clone());
                    self.carried();
                }
            }
            if let Some(slot) = self.states[*module].globals.get_mut(name) {
                *slot = value.clone();
            }
        }
        if let Some(slot) = self.states[*first_module].globals.get_mut(first_name) {
            *slot = value;
        }
    }

    /// The place whose dict or list `name` stands for, where [`Self::lookup`] finds the name:
    /// a function's `cfg = CONFIGS["fraud"]`, or a global's (see `ModuleState::sources`).
    pub(super) fn source_of(&self, frame: &Frame<'a>, name: &str) -> Option<Place<'a>> {
        if frame.scopes.iter().any(|scope| scope.contains_key(name)) {
            return None;
        }
        if frame.locals.as_ref().is_some_and(|l| l.contains_key(name)) {
            return frame.sources.get(name).cloned();
        }
        let state = &self.states[frame.module];
        if state.sources.is_empty() {
            return None;
        }
        state.sources.get(name).cloned()
    }

    /// A module's global as another module or an attribute reads it: what it stands for, if
    /// it stands for another place (see `ModuleState::sources`).
    pub(super) fn global_value(
        &self,
        frame: &Frame<'a>,
        module: usize,
        name: &str,
    ) -> Option<Value<'a>> {
        let state = &self.states[module];
        if let Some(source) = state.sources.get(name) {
            if let Some(value) = self.read_source(frame, source) {
                return Some(value);
            }
        }
        state.globals.get(name).cloned()
    }

    fn has_source(&self, frame: &Frame<'a>, name: &str) -> bool {
        (!frame.sources.is_empty() || !self.states[frame.module].sources.is_empty())
            && self.source_of(frame, name).is_some()
    }

    /// Whether one more place may be followed to the place it stands for (a bound for safety:
    /// `a = b` then `b = a` in a function would otherwise lead on for ever).
    fn carry(&self) -> bool {
        let depth = self.carrying.get();
        if depth >= MAX_CARRIED {
            return false;
        }
        self.carrying.set(depth + 1);
        true
    }

    fn carried(&self) {
        self.carrying.set(self.carrying.get().saturating_sub(1));
    }

    /// The value of the place a name stands for; `None` past the bound of [`Self::carry`].
    fn read_source(&self, frame: &Frame<'a>, source: &Place<'a>) -> Option<Value<'a>> {
        if !self.carry() {
            return None;
        }
        let value = self.read_place(frame, source);
        self.carried();
        Some(value)
    }

    /// The dict or list `name` holds, when it was changed in place in this frame, as a change to
    /// carry back to the place the value came from: its value, or, when the name was rebound
    /// after the change, the value it held then. `None` when it was not changed in place.
    pub(super) fn carried_back(
        &self,
        frame: &Frame<'a>,
        name: &str,
        range: TextRange,
    ) -> Option<Value<'a>> {
        if let Some((_, held)) = frame.lost.iter().find(|(n, _)| n == name) {
            return Some(held.clone());
        }
        if frame.changed.iter().any(|n| n == name) {
            return Some(self.lookup(frame, name, range));
        }
        None
    }

    /// After `X = Y` or `X = Y = [...]` of a dict or list: the names hold one object, as Python
    /// shares it, so that a change in place through one (`X["k"] = v`, `X.append(v)`) shows
    /// through the others. Globals of a module's top level are aliases of one another (see
    /// [`Self::change_shared_global`]: also for a change from another module); any other name
    /// carries its changes to the place its value came from (`cfg = CONFIGS["fraud"]`, `flags =
    /// Holder.FLAGS`, a function's `cfg = BASE`).
    fn share(&mut self, frame: &mut Frame<'a>, assign: &'a ast::StmtAssign) {
        let module = frame.module;
        let names: Vec<&'a str> = assign
            .targets
            .iter()
            .filter_map(|target| match target {
                Expr::Name(name) => Some(name.id.as_str()),
                _ => None,
            })
            .collect();
        if frame.locals.is_none() && frame.scopes.is_empty() {
            // `X = Y` where `Y` stands for an item: `X` stands for it too.
            if let Expr::Name(value) = &*assign.value {
                if let Some(source) = self.states[module].sources.get(value.id.as_str()).cloned() {
                    for name in names {
                        self.stand_for(frame, name, source.clone());
                    }
                    return;
                }
            }
            let origin = match &*assign.value {
                Expr::Name(name) if self.states[module].globals.contains_key(name.id.as_str()) => {
                    Some((module, name.id.as_str()))
                }
                Expr::Attribute(attr) => match &*attr.value {
                    Expr::Name(name) => match self.states[module].globals.get(name.id.as_str()) {
                        Some(Value::Module(other)) => Some((*other, attr.attr.id.as_str())),
                        _ => None,
                    },
                    _ => None,
                },
                Expr::Name(_) | Expr::Subscript(_) => None,
                // A new dict or list bound to several names: the first holds it.
                _ if names.len() > 1 => names.first().map(|first| (module, *first)),
                _ => None,
            };
            if let Some(origin) = origin {
                for name in names {
                    if (module, name) != origin {
                        self.states[module]
                            .aliases
                            .insert(name.to_owned(), (origin.0, origin.1.to_owned()));
                    }
                }
                return;
            }
        }
        if let [name] = names.as_slice() {
            // `cfg = settings_of("fraud")` of a function that returned what a place holds.
            let place = match (&*assign.value, self.called.take()) {
                (Expr::Call(_), Some(place)) => Some(place),
                (value, _) => match self.chosen_operand(frame, value) {
                    Some(chosen) => self.simple_place(frame, chosen),
                    None => None,
                },
            };
            if let Some(place) = place {
                self.stand_for(frame, name, place);
            }
        }
        // `a, b = CONFIGS["a"], CONFIGS["b"]`: each name stands for its item.
        if let (
            [Expr::Tuple(ast::ExprTuple { elts: targets, .. })
            | Expr::List(ast::ExprList { elts: targets, .. })],
            Expr::Tuple(ast::ExprTuple { elts: values, .. })
            | Expr::List(ast::ExprList { elts: values, .. }),
        ) = (assign.targets.as_slice(), &*assign.value)
        {
            if targets.len() == values.len() {
                for (target, value) in targets.iter().zip(values.iter()) {
                    if let Expr::Name(name) = target {
                        if let Some(place) = self.simple_place(frame, value) {
                            if matches!(
                                self.read_place(frame, &place),
                                Value::List(_) | Value::Dict(_)
                            ) {
                                self.stand_for(frame, name.id.as_str(), place);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Before `place` is given another dict or list (or its items are moved): every name that
    /// stands for it, or for something inside it, keeps the value it stood for, as its own, as
    /// Python's name keeps the object. `written` tells the places written.
    fn detach(&mut self, frame: &mut Frame<'a>, written: &dyn Fn(&Place<'a>) -> bool) {
        fn reaches<'a>(place: &Place<'a>, written: &dyn Fn(&Place<'a>) -> bool) -> bool {
            written(place) || matches!(place, Place::Item(inner, ..) if reaches(inner, written))
        }
        let matching = |sources: &HashMap<String, Place<'a>>| -> Vec<(String, Place<'a>)> {
            sources
                .iter()
                .filter(|(_, place)| reaches(place, written))
                .map(|(name, place)| (name.clone(), place.clone()))
                .collect()
        };
        for (name, place) in matching(&frame.sources) {
            let value = self.read_place(frame, &place);
            frame.sources.remove(&name);
            if let Some(locals) = frame.locals.as_mut() {
                locals.insert(name, value);
            }
        }
        for module in self.sourced.clone() {
            for (name, place) in matching(&self.states[module].sources) {
                let value = self.read_place(frame, &place);
                self.states[module].sources.remove(&name);
                self.states[module].globals.insert(name, value);
            }
        }
    }

    /// [`Self::detach`] for a write to `target` (`strictly`: to what is inside it, as
    /// `D.pop(k)` or `L.insert(0, x)` move or replace its items).
    pub(super) fn detach_place(
        &mut self,
        frame: &mut Frame<'a>,
        target: &Place<'a>,
        strictly: bool,
    ) {
        if !self.standing {
            return;
        }
        let module = frame.module;
        let written = |place: &Place<'a>| {
            if strictly {
                matches!(place, Place::Item(inner, ..) if same_place(inner, target, module))
            } else {
                same_place(place, target, module)
            }
        };
        self.detach(frame, &written);
    }

    /// Makes `name`, just bound, stand for the dict or list `place` holds (see [`Self::source_of`]):
    /// in the module's state for a global (its place then named from the module, so that a
    /// function of it finds it too), in the frame for a function's name.
    pub(super) fn stand_for(&mut self, frame: &mut Frame<'a>, name: &str, place: Place<'a>) {
        if matches!(&place, Place::Name(n, _) if *n == name) {
            return;
        }
        self.standing = true;
        if frame.scopes.is_empty() && frame.locals.is_none() {
            if !self.sourced.contains(&frame.module) {
                self.sourced.push(frame.module);
            }
            let place = rooted_globally(place, frame.module);
            self.states[frame.module]
                .sources
                .insert(name.to_owned(), place);
        } else if frame.scopes.is_empty() && !frame.global_names.iter().any(|g| g == name) {
            frame.sources.insert(name.to_owned(), place);
        }
    }

    /// The operand whose object `a if test else b`, `a or b` or `a and b` is, as Python picks
    /// it (the expression itself for any other), worked out again from tests that are
    /// [`Self::pure`]; `None` when that cannot be known.
    fn chosen_operand(&mut self, frame: &mut Frame<'a>, expr: &'a Expr) -> Option<&'a Expr> {
        match expr {
            Expr::If(if_expr) if self.pure(frame, &if_expr.test) => {
                let test = self.eval(frame, &if_expr.test);
                match truthiness(&test)? {
                    true => self.chosen_operand(frame, &if_expr.body),
                    false => self.chosen_operand(frame, &if_expr.orelse),
                }
            }
            // Each operand but the last is tested; the last is the result when reached.
            Expr::BoolOp(op)
                if op
                    .values
                    .split_last()
                    .is_some_and(|(_, rest)| rest.iter().all(|v| self.pure(frame, v))) =>
            {
                let (last, rest) = op.values.split_last()?;
                for value in rest {
                    let truth = truthiness(&self.eval(frame, value))?;
                    let picked = match op.op {
                        ast::BoolOp::Or => truth,
                        ast::BoolOp::And => !truth,
                    };
                    if picked {
                        return self.chosen_operand(frame, value);
                    }
                }
                self.chosen_operand(frame, last)
            }
            Expr::If(_) | Expr::BoolOp(_) => None,
            other => Some(other),
        }
    }

    /// Whether evaluating `expr` again can change nothing: names, attributes, items, literals,
    /// comparisons and boolean operators of such, `D.get(k)`, and the builtins `len`,
    /// `isinstance` and `bool`.
    fn pure(&self, frame: &Frame<'a>, expr: &Expr) -> bool {
        match expr {
            Expr::Name(_)
            | Expr::StringLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_) => true,
            Expr::Attribute(attr) => self.pure(frame, &attr.value),
            Expr::Subscript(subscript) => {
                self.pure(frame, &subscript.value) && self.pure(frame, &subscript.slice)
            }
            Expr::UnaryOp(op) => self.pure(frame, &op.operand),
            Expr::Compare(compare) => {
                self.pure(frame, &compare.left)
                    && compare.comparators.iter().all(|c| self.pure(frame, c))
            }
            Expr::BoolOp(op) => op.values.iter().all(|v| self.pure(frame, v)),
            Expr::Call(call) => {
                let callee = match &*call.func {
                    Expr::Attribute(attr) => {
                        attr.attr.id.as_str() == "get" && self.pure(frame, &attr.value)
                    }
                    Expr::Name(name) => {
                        let name = name.id.as_str();
                        matches!(name, "len" | "isinstance" | "bool")
                            && matches!(
                                self.lookup(frame, name, call.range()),
                                Value::External(q) if q.strip_prefix("builtins.") == Some(name)
                            )
                    }
                    _ => false,
                };
                callee
                    && call.arguments.keywords.is_empty()
                    && call.arguments.args.iter().all(|a| self.pure(frame, a))
            }
            _ => false,
        }
    }

    /// [`Self::place`] of an expression that names a dict or list without calling anything:
    /// `X`, `X.Y`, `X[k]` with a constant or a name as the key, and these nested.
    pub(super) fn simple_place(
        &mut self,
        frame: &mut Frame<'a>,
        expr: &'a Expr,
    ) -> Option<Place<'a>> {
        fn simple(expr: &Expr) -> bool {
            let key = |expr: &Expr| {
                matches!(
                    expr,
                    Expr::Name(_)
                        | Expr::StringLiteral(_)
                        | Expr::NumberLiteral(_)
                        | Expr::UnaryOp(_)
                )
            };
            match expr {
                Expr::Name(_) => true,
                Expr::Attribute(attr) => simple(&attr.value),
                Expr::Call(call) => {
                    matches!(&*call.func, Expr::Attribute(attr) if attr.attr.id.as_str() == "get" && simple(&attr.value))
                        && call.arguments.keywords.is_empty()
                        && matches!(&*call.arguments.args, [k] if key(k))
                }
                Expr::Subscript(subscript) => simple(&subscript.value) && key(&subscript.slice),
                _ => false,
            }
        }
        if simple(expr) {
            self.place(frame, expr)
        } else {
            None
        }
    }

    /// The value of `name` where [`Self::bind`] would write it, if it is bound there.
    fn bound_here<'f>(&'f self, frame: &'f Frame<'a>, name: &str) -> Option<&'f Value<'a>> {
        if let Some(scope) = frame.scopes.last() {
            scope.get(name)
        } else if let Some(locals) = &frame.locals {
            locals.get(name)
        } else {
            self.states[frame.module].globals.get(name)
        }
    }

    /// Replaces the value of a name where it lives (the innermost scope that has it), as a
    /// mutation of the object it names would be seen there; a name bound nowhere is left alone.
    pub(super) fn rebind_existing(&mut self, frame: &mut Frame<'a>, name: &str, value: Value<'a>) {
        // A function's caller carries the change back to its argument (`call_and_carry_back`).
        if frame.locals.is_some() && !frame.changed.iter().any(|n| n == name) {
            frame.changed.push(name.to_owned());
        }
        // A name bound to what another place holds changes it there.
        if let Some(source) = self.source_of(frame, name) {
            if self.carry() {
                self.write_place(frame, &source, value);
                self.carried();
                return;
            }
        }
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
        if self.states[frame.module].globals.contains_key(name) {
            self.change_shared_global(frame.module, name, value);
        }
    }

    /// Where the dict or list an expression names lives: a name, or `module.NAME` for a module of
    /// the root. `None` for anything else.
    pub(super) fn place(&mut self, frame: &mut Frame<'a>, expr: &'a Expr) -> Option<Place<'a>> {
        match expr {
            Expr::Name(name) => Some(
                self.source_of(frame, name.id.as_str())
                    .unwrap_or(Place::Name(name.id.as_str(), name.range)),
            ),
            Expr::Attribute(attr) => match self.eval(frame, &attr.value) {
                Value::Module(module) => Some(
                    self.states[module]
                        .sources
                        .get(attr.attr.id.as_str())
                        .cloned()
                        .unwrap_or(Place::Global(module, attr.attr.id.as_str())),
                ),
                Value::Class(_, attributes) => {
                    let name = attr.attr.id.as_str();
                    let (owner, _) = super::value::binding_class(&attributes, name)?;
                    Some(Place::Attribute(owner, name))
                }
                _ => None,
            },
            // `CONFIGS.get("fraud")` of a dict that holds the key is that item.
            Expr::Call(call) if is_get_of_one_key(expr) => {
                let Expr::Attribute(attr) = &*call.func else {
                    return None;
                };
                let inner = self.place(frame, &attr.value)?;
                let key = self.eval(frame, &call.arguments.args[0]);
                let holds = |value: &Value<'a>| matches!(value, Value::Dict(items) if items.iter().any(|(k, _)| same_key(k, &key)));
                let held = match self.peek_place(frame, &inner) {
                    Some(value) => holds(value),
                    None => holds(&self.read_place(frame, &inner)),
                };
                held.then(|| Place::Item(Box::new(inner), key, call.range()))
            }
            // `CONFIG["fraud"]["online"] = True`, `L[0].append(x)`: the item of what the inner
            // place holds, changed there.
            Expr::Subscript(subscript) => {
                let inner = self.place(frame, &subscript.value)?;
                let key = self.eval(frame, &subscript.slice);
                Some(Place::Item(Box::new(inner), key, subscript.range))
            }
            _ => None,
        }
    }

    /// [`Self::place`] of what an assignment, a `del` or a changing method writes into, which
    /// Python evaluates once, here: under its items, a call (`settings_of("b")["online"] = True`,
    /// `settings_of("b").update(...)`) is run, and stands for the place a function of the
    /// repository returned (`return CONFIGS[team]`). `None` when the call gave anything else: a
    /// new dict or list, which the write changes and nothing keeps, as in Python.
    pub(super) fn target_place(
        &mut self,
        frame: &mut Frame<'a>,
        expr: &'a Expr,
    ) -> Option<Place<'a>> {
        match expr {
            Expr::Call(_) if !is_get_of_one_key(expr) => {
                self.eval(frame, expr);
                self.called.take()
            }
            Expr::Subscript(subscript) if call_rooted(&subscript.value) => {
                let inner = self.target_place(frame, &subscript.value)?;
                let key = self.eval(frame, &subscript.slice);
                Some(Place::Item(Box::new(inner), key, subscript.range))
            }
            _ => self.place(frame, expr),
        }
    }

    pub(super) fn read_place(&self, frame: &Frame<'a>, place: &Place<'a>) -> Value<'a> {
        match place {
            Place::Name(name, range) => self.lookup(frame, name, *range),
            Place::Global(module, name) => {
                if let Some(source) = self.states[*module].sources.get(*name) {
                    if let Some(value) = self.read_source(frame, source) {
                        return value;
                    }
                }
                self.states[*module]
                    .globals
                    .get(*name)
                    .cloned()
                    .unwrap_or(Value::None)
            }
            Place::Item(inner, key, range) => match self.read_place(frame, inner) {
                Value::Unknown(u) => Value::Unknown(u),
                held @ (Value::Dict(_) | Value::List(_)) => match item_ref(&held, key) {
                    Some(value) => value.clone(),
                    None => self.unknown(frame.module, *range, "an item that is not there"),
                },
                _ => self.unknown(
                    frame.module,
                    *range,
                    "an item of a value tecton-preflight cannot index",
                ),
            },
            Place::Attribute(attributes, name) => attributes
                .borrow()
                .get(*name)
                .cloned()
                .unwrap_or(Value::None),
        }
    }

    /// Gives the place the value its object has after a change in place.
    pub(super) fn write_place(
        &mut self,
        frame: &mut Frame<'a>,
        place: &Place<'a>,
        value: Value<'a>,
    ) {
        match place {
            Place::Name(name, _) => self.rebind_existing(frame, name, value),
            Place::Global(module, name) => {
                if let Some(source) = self.states[*module].sources.get(*name).cloned() {
                    if self.carry() {
                        self.write_place(frame, &source, value);
                        self.carried();
                        return;
                    }
                }
                self.change_shared_global(*module, name, value)
            }
            Place::Item(inner, key, range) => {
                self.mutate_place(frame, inner, Mutation::Set(key.clone(), value), *range);
            }
            Place::Attribute(attributes, name) => {
                attributes.borrow_mut().insert((*name).to_owned(), value);
            }
        }
    }

    /// Applies a change to the dict or list a place holds.
    pub(super) fn mutate_place(
        &mut self,
        frame: &mut Frame<'a>,
        place: &Place<'a>,
        change: Mutation<'a>,
        range: TextRange,
    ) {
        // The value is moved out of the slot that holds it and moved back changed, not copied:
        // a list that grows in a loop would otherwise be copied whole at every step (quadratic).
        if let Place::Item(..) = place {
            // The outermost value is moved out, changed where the item lives, and moved back.
            let mut root = place;
            let mut keys = Vec::new();
            while let Place::Item(inner, key, _) = root {
                keys.push(key);
                root = inner;
            }
            let mut whole = match self.take_place(frame, root) {
                Some(value) => value,
                None => self.read_place(frame, root),
            };
            match keys
                .iter()
                .rev()
                .try_fold(&mut whole, |value, key| item_mut(value, key))
            {
                Ok(slot) => {
                    let current = std::mem::replace(slot, Value::None);
                    *slot = match self.mutated(frame, current, change, range) {
                        Ok(value) | Err(value) => value,
                    };
                }
                // An unknown dict or list on the way stays unknown, whatever the change.
                Err(Reach::Unknown) => {}
                // Python raises (no such key or index, or no dict or list there).
                Err(Reach::Nothing) => {
                    whole = self.unknown(
                        frame.module,
                        range,
                        "changed at an item tecton-preflight cannot find",
                    );
                }
            }
            self.write_place(frame, root, whole);
            return;
        }
        let Some(current) = self.take_place(frame, place) else {
            let current = self.read_place(frame, place);
            if let Ok(new) = self.mutated(frame, current, change, range) {
                self.write_place(frame, place, new);
            }
            return;
        };
        match self.mutated(frame, current, change, range) {
            Ok(new) => self.write_place(frame, place, new),
            Err(unchanged) => self.write_place(frame, place, unchanged),
        }
    }

    /// The value in the slot where [`Self::read_place`] finds it; `None` when no slot holds the
    /// name.
    fn peek_place<'p>(&'p self, frame: &'p Frame<'a>, place: &Place<'a>) -> Option<&'p Value<'a>> {
        match *place {
            Place::Item(ref inner, ref key, _) => item_ref(self.peek_place(frame, inner)?, key),
            Place::Attribute(..) => None,
            Place::Name(name, _) if self.has_source(frame, name) => None,
            Place::Global(module, name) if self.states[module].sources.contains_key(name) => None,
            Place::Name(name, _) => frame
                .scopes
                .iter()
                .rev()
                .find_map(|scope| scope.get(name))
                .or_else(|| frame.locals.as_ref().and_then(|l| l.get(name)))
                .or_else(|| self.states[frame.module].globals.get(name)),
            Place::Global(module, name) => self.states[module].globals.get(name),
        }
    }

    /// Moves the value out of the slot where [`Self::read_place`] finds it (leaving `None`
    /// there), for [`Self::write_place`] to put back; `None` when no slot holds the name.
    fn take_place(&mut self, frame: &mut Frame<'a>, place: &Place<'a>) -> Option<Value<'a>> {
        // A name that stands for another place is read and written there.
        match *place {
            Place::Name(name, _) if self.has_source(frame, name) => return None,
            Place::Global(module, name) if self.states[module].sources.contains_key(name) => {
                return None
            }
            _ => {}
        }
        let slot = match *place {
            Place::Name(name, _) => {
                let in_frame = frame
                    .scopes
                    .iter_mut()
                    .rev()
                    .find_map(|scope| scope.get_mut(name));
                match in_frame {
                    Some(slot) => slot,
                    None => match frame.locals.as_mut().and_then(|l| l.get_mut(name)) {
                        Some(slot) => slot,
                        None => self.states[frame.module].globals.get_mut(name)?,
                    },
                }
            }
            Place::Global(module, name) => self.states[module].globals.get_mut(name)?,
            Place::Attribute(ref attributes, name) => {
                let mut attributes = attributes.borrow_mut();
                let slot = attributes.get_mut(name)?;
                return Some(std::mem::replace(slot, Value::None));
            }
            // See `mutate_place`.
            Place::Item(..) => return None,
        };
        Some(std::mem::replace(slot, Value::None))
    }

    /// `X[key] = value`, `del X[key]` and the mutating methods of dicts and lists called as
    /// statements (`X.update(...)`, `X.pop(k)`, `L.append(v)`): the new value of `X`, or `X`
    /// unchanged as the error when it is not a dict or list this interpreter holds.
    pub(super) fn mutated(
        &mut self,
        frame: &mut Frame<'a>,
        current: Value<'a>,
        change: Mutation<'a>,
        range: TextRange,
    ) -> Result<Value<'a>, Value<'a>> {
        let unknown = |this: &mut Self, why: &str| Ok(this.unknown(frame.module, range, why));
        // A change that moves or compares every item costs a step for every `ITEMS_PER_STEP` of
        // them, so that a loop of `L.insert(0, v)` on a long list, or one that sets thousands of
        // keys of a dict (each looked for among the others), stops at the budget rather than
        // running for seconds (180,000 keys took two minutes).
        let moved = match (&current, &change) {
            (
                Value::List(items),
                Mutation::Insert(..)
                | Mutation::Remove(_)
                | Mutation::RemoveValue(_)
                | Mutation::Sort(_),
            ) => items.len(),
            (
                Value::Dict(items),
                Mutation::Set(..) | Mutation::Remove(_) | Mutation::SetDefault(..),
            ) => items.len(),
            (Value::Dict(items), Mutation::Update(Value::Dict(more))) => {
                items.len().saturating_mul(more.len())
            }
            _ => 0,
        };
        self.steps = self.steps.saturating_add(moved / ITEMS_PER_STEP);
        match (current, change) {
            (Value::Dict(mut items), Mutation::Set(key @ Value::Str(..), value)) => {
                dict_set(&mut items, key, value);
                Ok(Value::Dict(items))
            }
            (Value::Dict(mut items), Mutation::Remove(key @ Value::Str(..))) => {
                items.retain(|(k, _)| !same_key(k, &key));
                Ok(Value::Dict(items))
            }
            (Value::Dict(mut items), Mutation::SetDefault(key @ Value::Str(..), value)) => {
                if !items.iter().any(|(k, _)| same_key(k, &key)) {
                    items.push((key, value));
                }
                Ok(Value::Dict(items))
            }
            (Value::Dict(mut items), Mutation::Update(Value::Dict(more))) => {
                for (key, value) in more {
                    dict_set(&mut items, key, value);
                }
                Ok(Value::Dict(items))
            }
            (Value::List(mut items), Mutation::Set(Value::Int(index), value)) => {
                match list_position(items.len(), index) {
                    Some(at) => {
                        items[at] = value;
                        Ok(Value::List(items))
                    }
                    None => unknown(self, "an index out of range"),
                }
            }
            (Value::List(mut items), Mutation::Append(value)) => {
                items.push(value);
                Ok(Value::List(items))
            }
            (Value::List(mut items), Mutation::Remove(Value::Int(index))) => {
                match list_position(items.len(), index) {
                    Some(at) => {
                        items.remove(at);
                        Ok(Value::List(items))
                    }
                    None => unknown(self, "an index out of range"),
                }
            }
            (Value::List(mut items), Mutation::Insert(Value::Int(index), value)) => {
                // Python puts an index past either end at that end.
                let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
                let at = if index < 0 {
                    index.saturating_add(len).max(0)
                } else {
                    index.min(len)
                };
                items.insert(usize::try_from(at).unwrap_or(items.len()), value);
                Ok(Value::List(items))
            }
            (Value::List(mut items), Mutation::RemoveValue(value)) => {
                let mut found = None;
                for (at, item) in items.iter().enumerate() {
                    match equal(item, &value) {
                        Some(true) => {
                            found = Some(at);
                            break;
                        }
                        Some(false) => {}
                        None => return unknown(
                            self,
                            "a removal by a value compared with items it cannot be compared with",
                        ),
                    }
                }
                match found {
                    Some(at) => {
                        items.remove(at);
                        Ok(Value::List(items))
                    }
                    None => unknown(self, "a removal of a value the list does not hold"),
                }
            }
            (Value::List(items), Mutation::Sort(reverse)) => match sort_values(items, reverse) {
                Some(sorted @ Value::List(_)) => Ok(sorted),
                _ => unknown(self, "a sort of mixed values"),
            },
            (Value::List(mut items), Mutation::Reverse) => {
                items.reverse();
                Ok(Value::List(items))
            }
            (Value::List(_), Mutation::Clear) => Ok(Value::List(Vec::new())),
            (Value::Dict(_), Mutation::Clear) => Ok(Value::Dict(Vec::new())),
            (Value::Dict(mut items), Mutation::PopItem) => match items.pop() {
                Some(_) => Ok(Value::Dict(items)),
                None => unknown(self, "`popitem()` of an empty dict"),
            },
            (Value::List(mut items), Mutation::Update(Value::List(more))) => {
                items.extend(more);
                Ok(Value::List(items))
            }
            (Value::Dict(_) | Value::List(_), _) => {
                unknown(self, "changed in a way tecton-preflight cannot follow")
            }
            (current, _) => Err(current),
        }
    }

    pub(super) fn lookup(&self, frame: &Frame<'a>, name: &str, range: TextRange) -> Value<'a> {
        for scope in frame.scopes.iter().rev() {
            if let Some(value) = scope.get(name) {
                return value.clone();
            }
        }
        if let Some(value) = frame.locals.as_ref().and_then(|l| l.get(name)) {
            if let Some(source) = frame.sources.get(name) {
                if let Some(value) = self.read_source(frame, source) {
                    return value;
                }
            }
            return value.clone();
        }
        let state = &self.states[frame.module];
        if let Some(value) = state.globals.get(name) {
            if let Some(source) = state.sources.get(name) {
                if let Some(value) = self.read_source(frame, source) {
                    return value;
                }
            }
            return value.clone();
        }
        if let Some(module) = state.star_external.first() {
            return Value::External(qualified(module, name));
        }
        match name {
            "dict" | "list" | "tuple" | "str" | "int" | "float" | "bool" | "range" | "len"
            | "sorted" | "set" | "getattr" | "print" | "isinstance" | "enumerate" | "zip"
            | "max" | "min" | "any" | "all" | "object" => {
                Value::External(format!("builtins.{name}"))
            }
            _ => self.unknown(
                frame.module,
                range,
                format!("`{name}` is not defined where it is used"),
            ),
        }
    }

    pub(super) fn exec_block(&mut self, frame: &mut Frame<'a>, block: &'a [Stmt]) -> Flow<'a> {
        for stmt in block {
            match self.exec_stmt(frame, stmt) {
                Flow::Normal if !self.raising => {}
                Flow::Normal => return Flow::Stop,
                other => return other,
            }
        }
        Flow::Normal
    }

    pub(super) fn exec_stmt(&mut self, frame: &mut Frame<'a>, stmt: &'a Stmt) -> Flow<'a> {
        self.steps += 1;
        match stmt {
            Stmt::Import(import) => self.exec_import(frame, import),
            Stmt::ImportFrom(import) => self.exec_import_from(frame, import),
            Stmt::Expr(expr) if self.changing_call(frame, &expr.value, false).is_none() => {
                self.eval(frame, &expr.value);
            }
            Stmt::Delete(delete) => {
                for target in &delete.targets {
                    if let Expr::Subscript(subscript) = target {
                        let key = self.eval(frame, &subscript.slice);
                        if let Some(place) = self.target_place(frame, &subscript.value) {
                            // A list's later items move down: whatever stood for them, too.
                            self.detach_place(frame, &place, true);
                            self.mutate_place(
                                frame,
                                &place,
                                Mutation::Remove(key),
                                subscript.range,
                            );
                        }
                    }
                }
            }
            Stmt::Assign(assign) => {
                let value = self.eval(frame, &assign.value);
                // Each target past the first gets a copy.
                if assign.targets.len() > 1 {
                    let copies = assign.targets.len() - 1;
                    let cost = copies.saturating_mul(weight(&value, MAX_STEPS));
                    self.steps = self.steps.saturating_add(cost);
                }
                let shared = matches!(value, Value::List(_) | Value::Dict(_));
                for target in &assign.targets {
                    self.assign(frame, target, value.clone());
                }
                if shared {
                    self.share(frame, assign);
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
                let tuple = matches!(&*assign.value, Expr::Tuple(_));
                match &*assign.target {
                    Expr::Name(name) => {
                        let left = self.lookup(frame, name.id.as_str(), name.range);
                        // `L += [...]` and `D |= {...}` change the list or dict in place: every
                        // name that holds it sees the change. Other values are bound anew.
                        let in_place = matches!(
                            (&left, assign.op),
                            (Value::List(_), Operator::Add) | (Value::Dict(_), Operator::BitOr)
                        );
                        let value = self.binary(frame, assign.op, left, right, tuple, assign.range);
                        if in_place && self.bound_here(frame, name.id.as_str()).is_some() {
                            let value = self.written(value);
                            self.rebind_existing(frame, name.id.as_str(), value);
                        } else {
                            self.bind(frame, name.id.as_str(), value);
                        }
                    }
                    // `settings_of("a")["count"] += 1`: the call runs once; the item is read and
                    // written back where the dict it returned lives (nowhere, for a new one).
                    Expr::Subscript(subscript) if call_rooted(&subscript.value) => {
                        let place = self.target_place(frame, &subscript.value);
                        let key = self.eval(frame, &subscript.slice);
                        if let Some(place) = place {
                            let item =
                                Place::Item(Box::new(place.clone()), key.clone(), subscript.range);
                            let left = self.read_place(frame, &item);
                            let value =
                                self.binary(frame, assign.op, left, right, tuple, assign.range);
                            let value = self.written(value);
                            self.detach_place(frame, &item, false);
                            self.mutate_place(
                                frame,
                                &place,
                                Mutation::Set(key, value),
                                subscript.range,
                            );
                        }
                    }
                    // `Config.PREFIX += "_v2"`, `NAMES["k"] += "_v3"`: read, then written back.
                    target @ (Expr::Attribute(_) | Expr::Subscript(_)) => {
                        let left = self.eval(frame, target);
                        let value = self.binary(frame, assign.op, left, right, tuple, assign.range);
                        self.assign(frame, target, value);
                    }
                    _ => {}
                }
            }
            Stmt::FunctionDef(def) => self.exec_function_def(frame, def),
            Stmt::ClassDef(class) => {
                let decorators: Vec<Value<'a>> = class
                    .decorator_list
                    .iter()
                    .map(|decorator| self.eval(frame, &decorator.expression))
                    .collect();
                let mut bases = Vec::new();
                if let Some(arguments) = &class.arguments {
                    for arg in arguments.args.iter() {
                        bases.push(self.eval(frame, arg));
                    }
                }
                // The class body runs at import; objects it constructs are registered.
                frame.scopes.push(HashMap::default());
                self.exec_block(frame, &class.body);
                let mut attributes = frame.scopes.pop().unwrap_or_default();
                let name = class.name.id.as_str().to_owned();
                // The members of an `Enum` that no `str` or `int` mixes into are enum objects,
                // not their values: `Runtime.CURRENT` is no string (the SDK's type check refuses
                // it), `Runtime.CURRENT.value` and `.name` are.
                let enum_base = |v: &Value<'a>| matches!(v, Value::External(q) if matches!(q.as_str(), "enum.Enum" | "enum.Flag"));
                let mixed = |v: &Value<'a>| matches!(v, Value::External(q) if matches!(q.as_str(), "builtins.str" | "builtins.int" | "builtins.float"));
                if let Some(kind) = mixed_enum(&bases) {
                    let span = self.span(frame.module, class.name.range);
                    mixed_members(&name, kind, &span, &mut attributes);
                } else if bases.iter().any(enum_base) && !bases.iter().any(mixed) {
                    let span = self.span(frame.module, class.name.range);
                    // A class at a module's top level belongs to that module (`__module__`), which
                    // the SDK's type check names (`got common.Runtime instead`).
                    let top_level = frame.locals.is_none() && frame.scopes.is_empty();
                    let module = top_level
                        .then(|| self.modules.module(frame.module).name.clone())
                        .filter(|module| !module.is_empty());
                    for (member, value) in attributes.iter_mut() {
                        if member.starts_with('_') || matches!(value, Value::Function(_)) {
                            continue;
                        }
                        let mut fields = HashMap::from_iter([
                            ("value".to_string(), value.clone()),
                            ("name".to_string(), Value::Str(member.clone(), span.clone())),
                        ]);
                        if let Some(module) = &module {
                            fields.insert(
                                "__module__".to_string(),
                                Value::Str(module.clone(), span.clone()),
                            );
                        }
                        *value = Value::Class(
                            qualified(&name, member),
                            super::value::attributes(fields),
                        );
                    }
                }
                // One base of the repository (and perhaps `object`): a name the body does not bind
                // is looked up in it, as Python does. With several, or another base, it is not.
                let mut repo_bases = bases.iter().filter(|b| matches!(b, Value::Class(..)));
                let others = bases.iter().any(|b| {
                    !matches!(b, Value::Class(..))
                        && !matches!(b, Value::External(q) if q == "builtins.object")
                });
                // The module a top-level class belongs to (`__module__`), which the SDK's type
                // check names for an instance (`got tables.Node instead`).
                if frame.locals.is_none() && frame.scopes.is_empty() {
                    let module = &self.modules.module(frame.module).name;
                    if !module.is_empty() {
                        attributes.insert(
                            super::value::MODULE.to_string(),
                            Value::Str(module.clone(), self.span(frame.module, class.name.range)),
                        );
                    }
                }
                // A decorator may replace the class, and a `metaclass=` its calls.
                let plain = class.decorator_list.is_empty()
                    && class
                        .arguments
                        .as_ref()
                        .is_none_or(|arguments| arguments.keywords.is_empty());
                match (repo_bases.next(), repo_bases.next(), others) {
                    (Some(base), None, false) => {
                        attributes.insert(super::value::BASE.to_string(), base.clone());
                        if plain {
                            attributes.insert(super::value::PLAIN.to_string(), Value::Bool(true));
                        }
                    }
                    (None, None, false) => {
                        if let Some(fields) = dataclass_fields(&decorators, class, &attributes) {
                            attributes.insert(super::value::FIELDS.to_string(), fields);
                        } else if plain {
                            attributes.insert(super::value::PLAIN.to_string(), Value::Bool(true));
                        }
                    }
                    _ => {
                        attributes.insert(super::value::OTHER_BASES.to_string(), Value::Bool(true));
                    }
                }
                self.bind(
                    frame,
                    &name,
                    Value::Class(name.clone(), super::value::attributes(attributes)),
                );
            }
            Stmt::If(if_stmt) => return self.exec_if(frame, if_stmt),
            Stmt::For(for_stmt) => return self.exec_for(frame, for_stmt),
            Stmt::While(while_stmt) => return self.exec_while(frame, while_stmt),
            Stmt::Try(try_stmt) => {
                let reported = self.diagnostics.len();
                let guarded = usize::from(!try_stmt.handlers.is_empty());
                self.guarded += guarded;
                let flow = self.exec_block(frame, &try_stmt.body);
                self.guarded -= guarded;
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
                self.context.push(reason.clone());
                let mut flow = Flow::Normal;
                for case in &match_stmt.cases {
                    if let Flow::Return(v) = self.exec_block(frame, &case.body) {
                        flow = Flow::Return(v);
                        break;
                    }
                }
                self.context.pop();
                let bodies: Vec<&'a [Stmt]> =
                    match_stmt.cases.iter().map(|c| c.body.as_slice()).collect();
                self.forget_assigned(frame, &bodies, &reason);
                return flow;
            }
            Stmt::Return(ret) => {
                let value = match &ret.value {
                    Some(value) => self.eval(frame, value),
                    None => Value::None,
                };
                // `return CONFIGS["fraud"]`: the caller gets that object, not a copy.
                self.returned = match (&ret.value, &value) {
                    (Some(expr), Value::List(_) | Value::Dict(_)) if frame.locals.is_some() => self
                        .simple_place(frame, expr)
                        .and_then(|place| frame_independent(frame, place)),
                    _ => None,
                };
                return Flow::Return(value);
            }
            Stmt::Break(_) => return Flow::Break,
            Stmt::Continue(_) => return Flow::Continue,
            Stmt::Raise(_) => return Flow::Stop,
            // Python applies `global` to the whole function body; repositories write it first.
            Stmt::Global(global) if frame.locals.is_some() => frame
                .global_names
                .extend(global.names.iter().map(|n| n.id.as_str().to_owned())),
            _ => {}
        }
        Flow::Normal
    }

    pub(super) fn assign(&mut self, frame: &mut Frame<'a>, target: &'a Expr, value: Value<'a>) {
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
                let value = self.written(value);
                if let Some(place) = self.target_place(frame, &subscript.value) {
                    let item = Place::Item(Box::new(place.clone()), key.clone(), subscript.range);
                    self.detach_place(frame, &item, false);
                    self.mutate_place(frame, &place, Mutation::Set(key, value), subscript.range);
                }
            }
            // `config.RUNTIME = "1.2.7"` rebinds a global of another module of the root, and
            // `Config.RUNTIME = "1.2.7"` an attribute of a class of the root, wherever either is
            // held.
            Expr::Attribute(attr) => {
                let value = self.written(value);
                match self.eval(frame, &attr.value) {
                    Value::Module(module) => {
                        let name = attr.attr.id.as_str();
                        self.detach_place(frame, &Place::Global(module, name), false);
                        let state = &mut self.states[module];
                        state.aliases.remove(attr.attr.id.as_str());
                        state.sources.remove(attr.attr.id.as_str());
                        state
                            .globals
                            .insert(attr.attr.id.as_str().to_owned(), value);
                    }
                    Value::Class(_, attributes) => {
                        let name = attr.attr.id.as_str();
                        self.detach_place(
                            frame,
                            &Place::Attribute(attributes.clone(), name),
                            false,
                        );
                        attributes.borrow_mut().insert(name.to_owned(), value);
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// `X.update(...)`, `X.setdefault(k, v)`, `X.pop(k)`, `L.append(v)`, `L.sort()`, ... on a
    /// dict or list this interpreter holds: it changes where it lives, and the call's value is
    /// what Python's returns (`L.pop()` the item). `as_value`: the value is used (an expression,
    /// not a statement), so that only the methods known to change a dict or list are taken.
    /// `None` when the call is not such a call (it is then evaluated as any other).
    pub(super) fn changing_call(
        &mut self,
        frame: &mut Frame<'a>,
        expr: &'a Expr,
        as_value: bool,
    ) -> Option<Value<'a>> {
        let Expr::Call(call) = expr else { return None };
        let Expr::Attribute(attr) = &*call.func else {
            return None;
        };
        if !matches!(
            &*attr.value,
            Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_) | Expr::Call(_)
        ) {
            return None;
        }
        let method = attr.attr.id.as_str();
        // Methods that change nothing are ordinary expressions (evaluated once, by the caller);
        // where the value is used, only the methods known to change are taken here.
        if matches!(
            method,
            "get" | "keys" | "values" | "items" | "copy" | "index" | "count"
        ) || (as_value && !CHANGING_METHODS.contains(&method))
        {
            return None;
        }
        let rooted = call_rooted(&attr.value);
        // What a call returned, once it ran, is not run again: a new dict or list (changed, then
        // dropped) or anything else leaves only the arguments to run.
        let run_arguments = |this: &mut Self, frame: &mut Frame<'a>| {
            for arg in &call.arguments.args {
                this.eval(frame, arg);
            }
            for keyword in &call.arguments.keywords {
                this.eval(frame, &keyword.value);
            }
            Some(this.unknown(
                frame.module,
                call.range(),
                "the result of a change to a new dict or list",
            ))
        };
        let place = if rooted {
            if !CHANGING_METHODS.contains(&method) {
                return None;
            }
            match self.target_place(frame, &attr.value) {
                Some(place) => place,
                None => return run_arguments(self, frame),
            }
        } else {
            self.place(frame, &attr.value)?
        };
        // Looked at where it is, not copied: this runs at every step of a loop that appends.
        let kind = |value: Option<&Value<'a>>| match value {
            Some(Value::Dict(_)) => Some(true),
            Some(Value::List(_)) => Some(false),
            _ => None,
        };
        let is_dict = match &place {
            Place::Attribute(attributes, name) => kind(attributes.borrow().get(*name)),
            _ => kind(self.peek_place(frame, &place)),
        };
        let Some(is_dict) = is_dict else {
            return if rooted {
                run_arguments(self, frame)
            } else {
                None
            };
        };
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
                    Some(n) => {
                        Value::Str(n.id.as_str().to_owned(), self.span(frame.module, k.range))
                    }
                    None => Value::Other("**".into()),
                };
                (key, value)
            })
            .collect();
        if keywords.iter().any(|(k, _)| matches!(k, Value::Other(_))) {
            return Some(self.give_up_mutation(frame, &place, call.range()));
        }
        // What the call returns (`L.pop()`, `D.setdefault(k, v)`), from the value before the
        // change.
        let result = match &place {
            Place::Attribute(attributes, name) => {
                change_result(attributes.borrow().get(*name), method, &args)
            }
            _ => change_result(self.peek_place(frame, &place), method, &args),
        };
        let result = match result {
            Some(value) => value,
            None => self.unknown(
                frame.module,
                call.range(),
                format!("the result of `{}`", self.text(frame.module, call.range())),
            ),
        };
        // Methods that replace, remove or move items: names standing for them keep them.
        if !matches!(method, "append" | "extend" | "setdefault") {
            self.detach_place(frame, &place, true);
        }
        // Under a condition this interpreter cannot decide, Python may or may not change it.
        if let Some(reason) = self.undecided("changed") {
            self.write_place(frame, &place, Value::Unknown(reason));
            return Some(result);
        }
        let change = match (method, args.len()) {
            ("update", 0 | 1) if is_dict => {
                let mut items = match args.pop() {
                    Some(Value::Dict(items)) => items,
                    None => Vec::new(),
                    Some(_) => return Some(self.give_up_mutation(frame, &place, call.range())),
                };
                items.extend(keywords);
                Mutation::Update(Value::Dict(items))
            }
            ("extend", 1) => match args.pop() {
                Some(Value::List(items)) => Mutation::Update(Value::List(items)),
                _ => return Some(self.give_up_mutation(frame, &place, call.range())),
            },
            ("setdefault", 2) => {
                let value = args.pop().unwrap_or(Value::None);
                let key = args.pop().unwrap_or(Value::None);
                Mutation::SetDefault(key, value)
            }
            ("pop", 1 | 2) if is_dict => Mutation::Remove(args.swap_remove(0)),
            ("pop", 0) if !is_dict && keywords.is_empty() => Mutation::Remove(Value::Int(-1)),
            ("pop", 1) if !is_dict && keywords.is_empty() => Mutation::Remove(args.swap_remove(0)),
            ("append", 1) => Mutation::Append(args.pop().unwrap_or(Value::None)),
            ("insert", 2) if !is_dict && keywords.is_empty() => {
                let value = args.pop().unwrap_or(Value::None);
                let index = args.pop().unwrap_or(Value::None);
                Mutation::Insert(index, value)
            }
            ("remove", 1) if !is_dict && keywords.is_empty() => {
                Mutation::RemoveValue(args.pop().unwrap_or(Value::None))
            }
            ("reverse", 0) if !is_dict && keywords.is_empty() => Mutation::Reverse,
            ("sort", 0) if !is_dict => {
                // `reverse=` when the flag is known; a `key=` function is not followed.
                let mut reverse = false;
                for (name, value) in &keywords {
                    match (name, value) {
                        (Value::Str(name, _), value) if name == "reverse" => {
                            match truthiness(value) {
                                Some(flag) => reverse = flag,
                                None => {
                                    return Some(self.give_up_mutation(frame, &place, call.range()))
                                }
                            }
                        }
                        (Value::Str(name, _), Value::None) if name == "key" => {}
                        _ => return Some(self.give_up_mutation(frame, &place, call.range())),
                    }
                }
                Mutation::Sort(reverse)
            }
            ("clear", 0) if keywords.is_empty() => Mutation::Clear,
            ("popitem", 0) if is_dict && keywords.is_empty() => Mutation::PopItem,
            _ => return Some(self.give_up_mutation(frame, &place, call.range())),
        };
        self.mutate_place(frame, &place, change, call.range());
        Some(result)
    }

    /// Why a write made now may not happen in Python: the innermost condition or loop this
    /// interpreter cannot decide that it runs under (`set under \`if ...\``), if any.
    fn undecided(&self, verb: &str) -> Option<Unresolved> {
        self.context.last().map(|reason| Unresolved {
            reason: reason.reason.replacen("constructed", verb, 1),
            span: reason.span.clone(),
        })
    }

    /// The value a write of `value` to an item or an attribute leaves: unknown under a condition
    /// this interpreter cannot decide (Python may not make the write), as a name bound there is.
    /// What is not data (an object, a function, a class) stays itself, as for names.
    pub(super) fn written(&self, value: Value<'a>) -> Value<'a> {
        match self.undecided("set") {
            Some(reason) if is_data(&value) => Value::Unknown(reason),
            _ => value,
        }
    }

    /// A dict or list changed by a call this interpreter does not follow: its value is unknown.
    pub(super) fn give_up_mutation(
        &mut self,
        frame: &mut Frame<'a>,
        place: &Place<'a>,
        range: TextRange,
    ) -> Value<'a> {
        let mut root = place;
        while let Place::Item(inner, ..) = root {
            root = inner;
        }
        let name = match *root {
            Place::Name(name, _) | Place::Global(_, name) | Place::Attribute(_, name) => name,
            Place::Item(..) => "a value",
        };
        let unknown = self.unknown(
            frame.module,
            range,
            format!("`{name}` is changed by a call tecton-preflight does not follow"),
        );
        self.write_place(frame, place, unknown.clone());
        unknown
    }

    pub(super) fn exec_if(&mut self, frame: &mut Frame<'a>, if_stmt: &'a ast::StmtIf) -> Flow<'a> {
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
            // Python runs one of the branches; which one is not known. The objects they construct
            // are registered under the condition (TP002 says so); a value they set or return is
            // one of several, so it is unknown rather than the last branch's.
            self.context.push(reason.clone());
            let mut returned = None;
            for body in &undecided {
                if let Flow::Return(v) = self.exec_block(frame, body) {
                    returned = Some(v);
                    break;
                }
            }
            self.context.pop();
            self.forget_assigned(frame, &undecided, &reason);
            if let Some(v) = returned {
                return Flow::Return(if is_data(&v) {
                    Value::Unknown(Unresolved {
                        reason: reason.reason.replacen("constructed", "returned", 1),
                        span: reason.span,
                    })
                } else {
                    v
                });
            }
        }
        Flow::Normal
    }

    pub(super) fn exec_for(
        &mut self,
        frame: &mut Frame<'a>,
        for_stmt: &'a ast::StmtFor,
    ) -> Flow<'a> {
        let iterable = self.eval(frame, &for_stmt.iter);
        match iterable_items(&iterable) {
            Some(items) if items.len() <= MAX_UNROLL => {
                // Where each item lives, when the loop's variable can change it in place.
                let variable = loop_variable(for_stmt);
                let places = match variable {
                    Some(_)
                        if items
                            .iter()
                            .any(|i| matches!(i, Value::List(_) | Value::Dict(_))) =>
                    {
                        self.item_places(frame, &for_stmt.iter, items.len())
                    }
                    _ => Vec::new(),
                };
                for (index, item) in items.into_iter().enumerate() {
                    if !self.spend(frame.module, for_stmt.iter.range()) {
                        return Flow::Normal;
                    }
                    self.assign(frame, &for_stmt.target, item);
                    if let (Some(name), Some(Some(place))) = (variable, places.get(index)) {
                        self.stand_for(frame, name, place.clone());
                    }
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
                // The pass below stands for any of the iterations: what the body changes from
                // one to the next (`count += 1`) is not known in it.
                self.forget_assigned(frame, &[&for_stmt.body], &reason);
                self.assign(frame, &for_stmt.target, unknown);
                self.context.push(reason.clone());
                let flow = self.exec_block(frame, &for_stmt.body);
                self.context.pop();
                // Python runs the body any number of times, none included.
                self.forget_assigned(frame, &[&for_stmt.body], &reason);
                match flow {
                    Flow::Return(v) => Flow::Return(v),
                    _ => Flow::Normal,
                }
            }
        }
    }

    /// Where the items a `for` loop goes over live, one by one: the places a list literal names
    /// (`[A, B]`), the items of a list a place holds (`CONFIGS`), or the values of a dict a place
    /// holds (`CONFIGS.values()`, `CONFIGS.items()`). Empty when they cannot be told.
    fn item_places(
        &mut self,
        frame: &mut Frame<'a>,
        iter: &'a Expr,
        count: usize,
    ) -> Vec<Option<Place<'a>>> {
        match iter {
            Expr::List(ast::ExprList { elts, .. }) | Expr::Tuple(ast::ExprTuple { elts, .. })
                if elts.len() == count && !elts.iter().any(|e| matches!(e, Expr::Starred(_))) =>
            {
                elts.iter().map(|e| self.simple_place(frame, e)).collect()
            }
            Expr::Call(call)
                if matches!(&*call.func, Expr::Name(f) if f.id.as_str() == "enumerate")
                    && call.arguments.args.len() == 1
                    && call.arguments.keywords.is_empty() =>
            {
                let builtin = self.lookup(frame, "enumerate", call.range());
                if !matches!(builtin, Value::External(q) if q == "builtins.enumerate") {
                    return Vec::new();
                }
                self.item_places(frame, &call.arguments.args[0], count)
            }
            Expr::Call(call) if call.arguments.is_empty() => {
                let Expr::Attribute(attr) = &*call.func else {
                    return Vec::new();
                };
                if !matches!(attr.attr.id.as_str(), "values" | "items") {
                    return Vec::new();
                }
                let Some(place) = self.simple_place(frame, &attr.value) else {
                    return Vec::new();
                };
                match self.read_place(frame, &place) {
                    Value::Dict(items) if items.len() == count => items
                        .into_iter()
                        .map(|(key, _)| {
                            Some(Place::Item(Box::new(place.clone()), key, iter.range()))
                        })
                        .collect(),
                    _ => Vec::new(),
                }
            }
            _ => match self.simple_place(frame, iter) {
                Some(place) => match self.peek_place(frame, &place) {
                    Some(Value::List(items)) if items.len() == count => (0..count)
                        .map(|index| {
                            Some(Place::Item(
                                Box::new(place.clone()),
                                Value::Int(index as i64),
                                iter.range(),
                            ))
                        })
                        .collect(),
                    _ => Vec::new(),
                },
                None => Vec::new(),
            },
        }
    }

    /// A `while` loop: unrolled while its condition is known, as Python runs it. A loop that has
    /// not ended after [`MAX_UNROLL`] iterations (its condition depends on something the
    /// interpreter does not follow, such as `items.pop()`) takes back the objects it constructed
    /// and runs its body once, with what it constructs marked as unknown.
    pub(super) fn exec_while(
        &mut self,
        frame: &mut Frame<'a>,
        while_stmt: &'a ast::StmtWhile,
    ) -> Flow<'a> {
        let objects_before = self.objects.len();
        let mut endless = true;
        for _ in 0..MAX_UNROLL {
            let test = self.eval(frame, &while_stmt.test);
            match truthiness(&test) {
                Some(false) => return self.exec_block(frame, &while_stmt.orelse),
                Some(true) => {
                    if !self.spend(frame.module, while_stmt.test.range()) {
                        return Flow::Normal;
                    }
                    match self.exec_block(frame, &while_stmt.body) {
                        Flow::Normal | Flow::Continue => {}
                        Flow::Break => return Flow::Normal,
                        other => return other,
                    }
                }
                None => {
                    endless = false;
                    break;
                }
            }
        }
        let reason = Unresolved {
            reason: "constructed in a `while` loop whose condition tecton-preflight cannot follow"
                .into(),
            span: self.span(frame.module, while_stmt.test.range()),
        };
        if endless {
            // Never ended: what it constructed is not what Python constructs.
            self.objects.truncate(objects_before);
        }
        // The pass below stands for any of the iterations: what the body changes from one to the
        // next (`count += 1`, so that `if count == 5` runs in one of them) is not known in it.
        self.forget_assigned(frame, &[&while_stmt.body], &reason);
        self.context.push(reason.clone());
        let flow = self.exec_block(frame, &while_stmt.body);
        self.context.pop();
        self.forget_assigned(frame, &[&while_stmt.body], &reason);
        if let Flow::Return(v) = flow {
            return Flow::Return(v);
        }
        self.exec_block(frame, &while_stmt.orelse)
    }

    /// After blocks this interpreter could not decide (whether, or how often, Python runs them:
    /// an `if`, a loop, a `match`): each name they bind to data is unknown, with `reason` (`set
    /// under ...`, `set in a loop over ...`). Objects, functions and classes they bind stay
    /// themselves.
    fn forget_assigned(
        &mut self,
        frame: &mut Frame<'a>,
        bodies: &[&'a [Stmt]],
        reason: &Unresolved,
    ) {
        let mut assigned = Vec::new();
        for body in bodies {
            assigned_names(body, &mut assigned);
        }
        for name in assigned {
            if self.bound_here(frame, &name).is_some_and(is_data) {
                let unknown = Value::Unknown(Unresolved {
                    reason: reason.reason.replacen("constructed", "set", 1),
                    span: reason.span.clone(),
                });
                // The name may still stand for what another place holds, and a change through
                // it later would change that: it is unknown too.
                if let Some(source) = self.source_of(frame, &name) {
                    self.write_place(frame, &source, unknown.clone());
                }
                self.bind(frame, &name, unknown);
            }
        }
    }

    pub(super) fn exec_function_def(
        &mut self,
        frame: &mut Frame<'a>,
        def: &'a ast::StmtFunctionDef,
    ) {
        // Decorators are evaluated top to bottom and applied bottom to top; the Tecton one is the
        // one that constructs the object, from whatever the decorators below it returned.
        let decorators: Vec<(Value<'a>, &ast::Decorator)> = def
            .decorator_list
            .iter()
            .map(|d| (self.eval(frame, &d.expression), d))
            .collect();
        let name = def.name.id.as_str().to_owned();
        let mut value = self.define(frame, Code::Def(def));
        for (decorator, node) in decorators.into_iter().rev() {
            // Taken, not copied: a decorator's arguments can be large (every feature of a view).
            let (pending, other) = match decorator {
                Value::Decorator(pending) => (Some(*pending), None),
                decorator => {
                    let pending = match &decorator {
                        Value::External(q) => match tecton_constructor(q) {
                            Some((kind, Form::Decorator)) => Some(PendingDecorator {
                                kind,
                                call: CallArgs::default(),
                                span: self.span(frame.module, node.range),
                            }),
                            _ => None,
                        },
                        _ => None,
                    };
                    (pending, Some(decorator))
                }
            };
            let Some(mut pending) = pending else {
                if let Some(decorator) = other {
                    value = self.apply_decorator(frame, decorator, value, node);
                }
                continue;
            };
            // The object is shown at `@batch_feature_view`, not the whole argument list.
            let callee = match &node.expression {
                Expr::Call(call) => call.func.range(),
                other => other.range(),
            };
            pending.span = self.span(
                frame.module,
                TextRange::new(node.range.start(), callee.end()),
            );
            // Tecton takes the name (`__name__`), the parameters and the code of the function it
            // is given: a wrapper's own, unless `functools.wraps` copied the wrapped one's.
            let (module, code) = match &value {
                Value::Function(function) => {
                    let function = function.unwrapped();
                    (function.module, function.code)
                }
                _ => (frame.module, Code::Def(def)),
            };
            if let Some(message) = input_count_problem(&pending, code) {
                self.raise(
                    Diagnostic::new("TP001", format!("Tecton cannot import this file: {message}"))
                        .at(pending.span.clone())
                        .with_help("give the function one parameter per source (a wrapper that takes `*args, **kwargs` needs `functools.wraps`)"),
                );
                return;
            }
            let function_name = match code {
                Code::Def(def) => (
                    def.name.id.as_str().to_owned(),
                    self.span(module, def.name.range),
                ),
                Code::Lambda(lambda) => ("<lambda>".to_string(), self.span(module, lambda.range)),
            };
            let modes = match code {
                Code::Def(def) => self.pipeline_modes(frame, def),
                Code::Lambda(_) => Vec::new(),
            };
            value = self.construct(
                frame,
                pending.kind,
                Form::Decorator,
                pending.call,
                pending.span,
                Some(function_name),
                modes,
            );
            if let (Value::Object(index), Code::Def(def)) = (&value, code) {
                self.record_function_code(module, def, *index);
            }
        }
        self.bind(frame, &name, value);
    }

    /// A decorator that is not Tecton's, applied to `value`: a function of the repository is
    /// called with it (a wrapper returns its inner function), `functools.wraps(f)` marks the
    /// function as wrapping `f`. Anything else leaves the value as it was.
    fn apply_decorator(
        &mut self,
        frame: &mut Frame<'a>,
        decorator: Value<'a>,
        value: Value<'a>,
        node: &'a ast::Decorator,
    ) -> Value<'a> {
        match (decorator, &value) {
            (Value::Function(decorator), _) => {
                let span = self.span(frame.module, node.range);
                let args = CallArgs {
                    positional: vec![(value.clone(), span)],
                    ..CallArgs::default()
                };
                match self.call_function(frame, &decorator, args, node.range) {
                    result @ (Value::Function(_) | Value::Object(_)) => result,
                    _ => value,
                }
            }
            (Value::Call(callee, args, _), Value::Function(inner))
                if &*callee == "functools.wraps" =>
            {
                match args.first() {
                    Some(Value::Function(wrapped)) => Value::Function(Rc::new(Function {
                        wrapped: Some(wrapped.clone()),
                        ..(**inner).clone()
                    })),
                    _ => value,
                }
            }
            _ => value,
        }
    }
}

/// The check the SDK makes when a batch or stream feature view is built from a function: one
/// function parameter per source. Only functions with `*args` or `**kwargs` (a wrapper without
/// `functools.wraps`) are checked: their count does not depend on how an SDK version spots the
/// materialization context parameter.
fn input_count_problem(pending: &PendingDecorator<'_>, code: Code<'_>) -> Option<String> {
    let parameters = match code {
        Code::Def(def) => &*def.parameters,
        Code::Lambda(lambda) => lambda.parameters.as_deref()?,
    };
    if parameters.vararg.is_none() && parameters.kwarg.is_none() {
        return None;
    }
    let keyword = |key: &str| {
        pending
            .call
            .keywords
            .iter()
            .rev()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v)
    };
    let sources = match pending.kind {
        Kind::BatchFeatureView => match keyword("sources")? {
            Value::List(items) => items.len(),
            _ => return None,
        },
        Kind::StreamFeatureView => {
            keyword("source")?;
            1
        }
        _ => return None,
    };
    let inputs = parameters.len();
    (inputs != sources).then(|| {
        format!("Number of Feature View Inputs ({inputs}) should match the number of Data Sources ({sources}) in the definition (TectonValidationError)")
    })
}

/// How many places a change in place is carried to, one through another (a name bound to a
/// dict another name holds, itself bound to one a third holds...): a bound for safety.
const MAX_CARRIED: usize = 16;

/// The name a `for` loop binds to each item it goes over, where a change in place through it
/// can be carried back: `for d in ...`, and the value of `for k, v in X.items()`.
fn loop_variable(for_stmt: &ast::StmtFor) -> Option<&str> {
    match &*for_stmt.target {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Tuple(ast::ExprTuple { elts, .. }) if elts.len() == 2 => {
            match (&elts[1], &*for_stmt.iter) {
                (Expr::Name(name), Expr::Call(call)) if matches!(&*call.func, Expr::Attribute(attr) if attr.attr.id.as_str() == "items") => {
                    Some(name.id.as_str())
                }
                // `for i, row in enumerate(ROWS)`.
                (Expr::Name(name), Expr::Call(call)) if matches!(&*call.func, Expr::Name(f) if f.id.as_str() == "enumerate") => {
                    Some(name.id.as_str())
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// A place of a function's frame as any frame can name it: a name that is not the function's own
/// is its module's global. `None` for the function's own names.
fn frame_independent<'a>(frame: &Frame<'a>, place: Place<'a>) -> Option<Place<'a>> {
    match place {
        Place::Name(name, _) => {
            let own = frame.scopes.iter().any(|scope| scope.contains_key(name))
                || frame.locals.as_ref().is_some_and(|l| l.contains_key(name));
            (!own).then_some(Place::Global(frame.module, name))
        }
        Place::Item(inner, key, range) => Some(Place::Item(
            Box::new(frame_independent(frame, *inner)?),
            key,
            range,
        )),
        other => Some(other),
    }
}

/// Whether two places name the same slot (a name of `module`'s top level and the module's global
/// of that name being one).
fn same_place<'a>(a: &Place<'a>, b: &Place<'a>, module: usize) -> bool {
    match (a, b) {
        (Place::Name(x, _), Place::Name(y, _)) => x == y,
        (Place::Global(m, x), Place::Global(n, y)) => m == n && x == y,
        (Place::Name(x, _), Place::Global(m, y)) | (Place::Global(m, y), Place::Name(x, _)) => {
            *m == module && x == y
        }
        (Place::Item(a, x, _), Place::Item(b, y, _)) => {
            same_place(a, b, module)
                && match (x, y) {
                    (Value::Int(x), Value::Int(y)) => x == y,
                    (x, y) => same_key(x, y),
                }
        }
        (Place::Attribute(a, x), Place::Attribute(b, y)) => std::rc::Rc::ptr_eq(a, b) && x == y,
        _ => false,
    }
}

/// A place named from a module's top level (a name there is the module's global), so that it
/// means the same from any frame.
fn rooted_globally(place: Place<'_>, module: usize) -> Place<'_> {
    match place {
        Place::Name(name, _) => Place::Global(module, name),
        Place::Item(inner, key, range) => {
            Place::Item(Box::new(rooted_globally(*inner, module)), key, range)
        }
        other => other,
    }
}

/// Why an item of a value cannot be reached for a change.
enum Reach {
    /// The value, or one it is inside, is unknown: it stays so.
    Unknown,
    /// No dict or list holds such a key or index there (Python raises).
    Nothing,
}

/// The item of a dict (its last binding of `key`) or of a list (an index, from the end when
/// negative) that `value[key]` reads.
fn item_ref<'v, 'a>(value: &'v Value<'a>, key: &Value<'a>) -> Option<&'v Value<'a>> {
    match (value, key) {
        (Value::Dict(items), key) => items
            .iter()
            .rev()
            .find(|(k, _)| same_key(k, key))
            .map(|(_, v)| v),
        (Value::List(items), Value::Int(index)) => items.get(list_position(items.len(), *index)?),
        _ => None,
    }
}

/// Where `L[index]` is in a list of `len` items (from the end when negative), if it is there.
fn list_position(len: usize, index: i64) -> Option<usize> {
    let at = if index < 0 {
        index.checked_add(i64::try_from(len).ok()?)?
    } else {
        index
    };
    usize::try_from(at).ok().filter(|at| *at < len)
}

/// [`item_ref`], to change the item in place.
fn item_mut<'v, 'a>(value: &'v mut Value<'a>, key: &Value<'a>) -> Result<&'v mut Value<'a>, Reach> {
    match (value, key) {
        (Value::Dict(items), key) => items
            .iter_mut()
            .rev()
            .find(|(k, _)| same_key(k, key))
            .map(|(_, v)| v)
            .ok_or(Reach::Nothing),
        (Value::List(items), Value::Int(index)) => list_position(items.len(), *index)
            .and_then(|at| items.get_mut(at))
            .ok_or(Reach::Nothing),
        (Value::Unknown(_), _) => Err(Reach::Unknown),
        _ => Err(Reach::Nothing),
    }
}

/// An `Enum` whose members are also of a built-in type, by how Python writes them as text.
#[derive(Clone, Copy)]
enum MixedEnum {
    /// `class Team(str, Enum)` (or `int`, `float`; `Flag` too): `str()` is `Team.RISK` in every
    /// Python version, `format()` the value before 3.11 and `Team.RISK` from 3.11 on.
    Mixed(&'static str),
    /// `StrEnum`: `str()` and `format()` are the value.
    Str,
    /// `IntEnum`, `IntFlag`: `format()` is the value, `str()` is `Tier.GOLD` before Python 3.11
    /// and the value from 3.11 on.
    Int,
}

/// What kind of mixed-in `Enum` a class with these bases is, if it is one.
fn mixed_enum(bases: &[Value<'_>]) -> Option<MixedEnum> {
    let names: Vec<&str> = bases
        .iter()
        .filter_map(|base| match base {
            Value::External(q) => Some(q.as_str()),
            _ => None,
        })
        .collect();
    if names.contains(&"enum.StrEnum") {
        return Some(MixedEnum::Str);
    }
    if names
        .iter()
        .any(|q| matches!(*q, "enum.IntEnum" | "enum.IntFlag"))
    {
        return Some(MixedEnum::Int);
    }
    if !names
        .iter()
        .any(|q| matches!(*q, "enum.Enum" | "enum.Flag"))
    {
        return None;
    }
    names.iter().find_map(|q| match *q {
        "builtins.str" => Some(MixedEnum::Mixed("str")),
        "builtins.int" => Some(MixedEnum::Mixed("int")),
        "builtins.float" => Some(MixedEnum::Mixed("float")),
        _ => None,
    })
}

/// Makes each member of a mixed-in `Enum` an enum object that also holds its value as the
/// mixed-in type holds it ([`DATA`](super::value::DATA)), with what `str()` and `format()` make
/// of it where every Python version makes the same: `f"{Team.RISK}"` is `risk` up to Python 3.10
/// and `Team.RISK` from 3.11, so it is unknown; `str(Team.RISK)` is `Team.RISK` in all.
fn mixed_members<'a>(
    class: &str,
    kind: MixedEnum,
    span: &crate::diagnostic::Span,
    attributes: &mut HashMap<String, Value<'a>>,
) {
    use super::value::{DATA, FORMAT, STR};
    let custom = ["__str__", "__format__"]
        .into_iter()
        .find(|method| attributes.contains_key(*method));
    let type_name = match kind {
        MixedEnum::Mixed(type_name) => type_name,
        MixedEnum::Str => "str",
        MixedEnum::Int => "int",
    };
    for (member, value) in attributes.iter_mut() {
        if member.starts_with('_') || matches!(value, Value::Function(_)) {
            continue;
        }
        let text = format!("{class}.{member}");
        let data = match (type_name, &*value) {
            ("str", Value::Str(..)) | ("int", Value::Int(_)) | ("float", Value::Float(_)) => {
                value.clone()
            }
            ("float", Value::Int(i)) => Value::Float(*i as f64),
            _ => Value::Other(format!("`{text}`, whose value is no `{type_name}`")),
        };
        let defined = |method: &str| {
            Value::Other(format!(
                "`{text}` is written as text by the `{method}` that `{class}` defines"
            ))
        };
        let (str_text, formatted) = match (kind, custom) {
            (_, Some(method)) => (defined(method), defined(method)),
            (MixedEnum::Mixed(_), None) => (
                Value::Str(text.clone(), span.clone()),
                Value::Other(format!(
                    "`{text}`, a member of an `Enum` with `{type_name}` mixed in, is formatted as its value up to Python 3.10 and as `{text}` from Python 3.11 on"
                )),
            ),
            (MixedEnum::Str, None) => (data.clone(), data.clone()),
            (MixedEnum::Int, None) => (
                Value::Other(format!(
                    "`str({text})` of a member of an `IntEnum` is `{text}` up to Python 3.10 and its value from Python 3.11 on"
                )),
                data.clone(),
            ),
        };
        let fields = HashMap::from_iter([
            ("value".to_string(), value.clone()),
            ("name".to_string(), Value::Str(member.clone(), span.clone())),
            (DATA.to_string(), data),
            (STR.to_string(), str_text),
            (FORMAT.to_string(), formatted),
        ]);
        *value = Value::Class(qualified(class, member), super::value::attributes(fields));
    }
}

/// The fields of a class that `@dataclass` (from `dataclasses`) decorates and whose instances
/// this interpreter can make: `[name, default]` pairs in order, from the annotated names of the
/// class body (a `ClassVar` is no field). `None` when it is no dataclass, or one made otherwise
/// than by binding the arguments to the fields (`init=False`, `kw_only`, an `InitVar`, its own
/// `__init__` or `__post_init__`), or one whose default is made by a factory other than `list`
/// or `dict`: its calls stay unknown.
fn dataclass_fields<'a>(
    decorators: &[Value<'a>],
    class: &'a ast::StmtClassDef,
    attributes: &HashMap<String, Value<'a>>,
) -> Option<Value<'a>> {
    const PLAIN: [&str; 8] = [
        "frozen",
        "eq",
        "order",
        "repr",
        "unsafe_hash",
        "slots",
        "match_args",
        "weakref_slot",
    ];
    let decorated = decorators.iter().any(|d| match d {
        Value::External(q) => q == "dataclasses.dataclass",
        Value::Call(q, args, keywords) => {
            &**q == "dataclasses.dataclass"
                && args.is_empty()
                && keywords.iter().all(|(k, _)| PLAIN.contains(&k.as_str()))
        }
        _ => false,
    });
    if !decorated
        || class.decorator_list.len() != 1
        || attributes.contains_key("__init__")
        || attributes.contains_key("__post_init__")
    {
        return None;
    }
    let mut fields = Vec::new();
    let mut defaulted = false;
    for stmt in &class.body {
        let Stmt::AnnAssign(assign) = stmt else {
            continue;
        };
        let Expr::Name(name) = &*assign.target else {
            return None;
        };
        let annotation = match &*assign.annotation {
            Expr::Name(n) => n.id.as_str(),
            Expr::Subscript(s) => match &*s.value {
                Expr::Name(n) => n.id.as_str(),
                Expr::Attribute(a) => a.attr.id.as_str(),
                _ => "",
            },
            Expr::Attribute(a) => a.attr.id.as_str(),
            _ => "",
        };
        match annotation {
            "ClassVar" => continue,
            "InitVar" | "KW_ONLY" => return None,
            _ => {}
        }
        let default = match (&assign.value, attributes.get(name.id.as_str())) {
            (None, _) => Value::Other(super::value::NO_DEFAULT.to_string()),
            (Some(_), Some(Value::Call(q, args, keywords))) if &**q == "dataclasses.field" => {
                if !args.is_empty() {
                    return None;
                }
                let keyword = |key: &str| keywords.iter().find(|(k, _)| k == key).map(|(_, v)| v);
                match (
                    keyword("default"),
                    keyword("default_factory"),
                    keyword("init"),
                ) {
                    (_, _, Some(_)) | (Some(_), Some(_), _) => return None,
                    (Some(value), None, None) => value.clone(),
                    (None, Some(Value::External(f)), None) if f == "builtins.list" => {
                        Value::List(Vec::new())
                    }
                    (None, Some(Value::External(f)), None) if f == "builtins.dict" => {
                        Value::Dict(Vec::new())
                    }
                    (None, None, None) => Value::Other(super::value::NO_DEFAULT.to_string()),
                    _ => return None,
                }
            }
            // Python refuses a list, dict or set as a default (`default_factory` makes them).
            (Some(_), Some(Value::List(_) | Value::Dict(_))) => return None,
            (Some(_), Some(value)) => value.clone(),
            (Some(_), None) => return None,
        };
        // Nor does it take a field without a default after one with a default.
        let required = matches!(&default, Value::Other(m) if m == super::value::NO_DEFAULT);
        if required && defaulted {
            return None;
        }
        defaulted |= !required;
        fields.push(Value::List(vec![
            Value::Other(name.id.as_str().to_owned()),
            default,
        ]));
    }
    Some(Value::List(fields))
}

/// Whether a value is data (what a runtime, a name or a flag is made of), as opposed to an object,
/// function, class or module, whose construction under a condition is reported where it happens.
pub(super) fn is_data(value: &Value<'_>) -> bool {
    matches!(
        value,
        Value::Str(..)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Bool(_)
            | Value::None
            | Value::List(_)
            | Value::Dict(_)
    )
}

/// The names that statements bind by assignment, in nested blocks too but not inside the functions
/// and classes they define.
fn assigned_names(body: &[Stmt], out: &mut Vec<String>) {
    fn targets(expr: &Expr, out: &mut Vec<String>) {
        match expr {
            Expr::Name(name) => out.push(name.id.as_str().to_owned()),
            Expr::Tuple(t) => t.elts.iter().for_each(|e| targets(e, out)),
            Expr::List(l) => l.elts.iter().for_each(|e| targets(e, out)),
            Expr::Starred(s) => targets(&s.value, out),
            _ => {}
        }
    }
    for stmt in body {
        match stmt {
            Stmt::Assign(a) => a.targets.iter().for_each(|t| targets(t, out)),
            Stmt::AnnAssign(a) if a.value.is_some() => targets(&a.target, out),
            Stmt::AugAssign(a) => targets(&a.target, out),
            Stmt::If(i) => {
                assigned_names(&i.body, out);
                for clause in &i.elif_else_clauses {
                    assigned_names(&clause.body, out);
                }
            }
            Stmt::For(f) => {
                targets(&f.target, out);
                assigned_names(&f.body, out);
                assigned_names(&f.orelse, out);
            }
            Stmt::While(w) => {
                assigned_names(&w.body, out);
                assigned_names(&w.orelse, out);
            }
            Stmt::With(w) => assigned_names(&w.body, out),
            Stmt::Try(t) => {
                assigned_names(&t.body, out);
                for ast::ExceptHandler::ExceptHandler(h) in &t.handlers {
                    assigned_names(&h.body, out);
                }
                assigned_names(&t.orelse, out);
                assigned_names(&t.finalbody, out);
            }
            _ => {}
        }
    }
}

/// `D.get(k)`: a call [`Interp::place`] reads as the item it names.
fn is_get_of_one_key(expr: &Expr) -> bool {
    matches!(expr, Expr::Call(call)
        if call.arguments.args.len() == 1
            && call.arguments.keywords.is_empty()
            && matches!(&*call.func, Expr::Attribute(attr) if attr.attr.id.as_str() == "get"))
}

/// Whether `expr` is a call other than `D.get(k)`, or items of one (`f()["a"]["b"]`): what
/// [`Interp::target_place`] runs.
fn call_rooted(expr: &Expr) -> bool {
    match expr {
        Expr::Call(_) => !is_get_of_one_key(expr),
        Expr::Subscript(subscript) => call_rooted(&subscript.value),
        _ => false,
    }
}

/// The methods of dicts and lists that change them in place: as a statement on what a call
/// returned (`settings_of("d").update(online=True)`), the call is run once, for the change.
const CHANGING_METHODS: &[&str] = &[
    "update",
    "setdefault",
    "pop",
    "popitem",
    "clear",
    "append",
    "extend",
    "insert",
    "remove",
    "sort",
    "reverse",
];

/// How many items a change that moves or compares them all (`L.insert(0, v)`, `L.pop(0)`,
/// `L.remove(v)`, `L.sort()`, `D[k] = v` of a new key) goes through for one evaluation step:
/// about what one step costs.
pub(super) const ITEMS_PER_STEP: usize = 16;

/// What `method` of the dict or list `current` returns for `args` (before the change): the item
/// `pop` removes, what `setdefault` finds or sets, the pair `popitem` removes, `None` for the
/// others; `None` (the Rust one) when it is not known.
fn change_result<'a>(
    current: Option<&Value<'a>>,
    method: &str,
    args: &[Value<'a>],
) -> Option<Value<'a>> {
    let find = |items: &[(Value<'a>, Value<'a>)], key: &Value<'a>| {
        items
            .iter()
            .find(|(k, _)| same_key(k, key))
            .map(|(_, v)| v.clone())
    };
    match (current?, method, args) {
        (Value::List(items), "pop", []) => items.last().cloned(),
        (Value::List(items), "pop", [Value::Int(index)]) => {
            list_position(items.len(), *index).map(|at| items[at].clone())
        }
        (Value::Dict(items), "pop", [key @ Value::Str(..)]) => find(items, key),
        (Value::Dict(items), "pop", [key @ Value::Str(..), default]) => {
            Some(find(items, key).unwrap_or_else(|| default.clone()))
        }
        (Value::Dict(items), "setdefault", [key @ Value::Str(..), default]) => {
            Some(find(items, key).unwrap_or_else(|| default.clone()))
        }
        (Value::Dict(items), "popitem", []) => items
            .last()
            .map(|(k, v)| Value::List(vec![k.clone(), v.clone()])),
        (Value::Dict(_) | Value::List(_), "pop" | "setdefault" | "popitem", _) => None,
        (Value::Dict(_) | Value::List(_), _, _) => Some(Value::None),
        _ => None,
    }
}
