//! Module execution and imports: running a module of the root once (memoized, with its own work
//! budget), `import X` and `from X import y` for modules of the root, Tecton's modules and the rest
//! of the environment, and the import failures Python would raise (a name the module lacks, the root
//! directory's own name, a Tecton module or name the SDK in use does not have).

use ruff_python_ast::{self as ast};
use ruff_text_size::TextRange;

use super::tecton::{contains_word, qualified};
use super::value::Value;
use super::{Frame, Interp, Status, STEPS_PER_BYTE};
use crate::diagnostic::Diagnostic;
use crate::python::Api;
use crate::sdk::api::Import;

/// The modules `import a.b.c` imports, in order: `a`, `a.b`, `a.b.c`.
fn prefixes(dotted: &str) -> impl Iterator<Item = &str> {
    dotted
        .match_indices('.')
        .map(|(end, _)| &dotted[..end])
        .chain(std::iter::once(dotted))
}

/// A module an import names that Python cannot find (see [`Interp::missing_module`]).
struct Missing {
    name: String,
    /// The module above it, when that one is a file rather than a package.
    not_a_package: Option<String>,
}

impl<'a> Interp<'a> {
    pub(super) fn execute_module(&mut self, index: usize) {
        if self.states[index].status != Status::NotStarted {
            return;
        }
        self.states[index].status = Status::Running;
        self.states[index].globals.insert(
            "__name__".into(),
            Value::Other(self.modules.module(index).name.clone()),
        );
        let loaded = self.modules.loaded(index);
        self.root_allowance = self
            .root_allowance
            .saturating_add(loaded.text.len().saturating_mul(STEPS_PER_BYTE));
        if let Some(suite) = &loaded.suite {
            let saved_context = std::mem::take(&mut self.context);
            let saved_depth = self.call_depth;
            self.call_depth = 0;
            let saved_work = (
                std::mem::take(&mut self.work),
                std::mem::take(&mut self.steps),
                std::mem::take(&mut self.out_of_work),
            );
            let saved_raising = std::mem::replace(&mut self.raising, false);
            let mut frame = Frame::module(index);
            self.exec_block(&mut frame, suite);
            // A global that stands for an item gets its value, for the modules that import it.
            let sources: Vec<(String, super::stmt::Place<'a>)> = self.states[index]
                .sources
                .iter()
                .map(|(name, place)| (name.clone(), place.clone()))
                .collect();
            for (name, place) in sources {
                let value = self.read_place(&frame, &place);
                self.states[index].globals.insert(name, value);
            }
            self.states[index].failed = self.raising;
            self.raising = saved_raising;
            self.context = saved_context;
            self.call_depth = saved_depth;
            self.root_steps = self.root_steps.saturating_add(self.steps);
            (self.work, self.steps, self.out_of_work) = saved_work;
        }
        self.states[index].status = Status::Done;
    }

    /// The module `package.name` of the root, if an import has run it: what an attribute of a
    /// folder without `__init__.py` (a namespace package, which `import features.common` binds as
    /// `features`) gives in Python. Such a package has no other attributes.
    pub(super) fn imported_submodule(&self, package: &str, name: &str) -> Option<usize> {
        let top = package.split('.').next().unwrap_or(package);
        if !self.modules.may_hold_import_only(top) {
            return None;
        }
        let index = *self.by_name.get(qualified(package, name).as_str())?;
        (self.states[index].status != Status::NotStarted).then_some(index)
    }

    /// The module of the root with this dotted name, executed (or being executed), by the import
    /// at `range` of the module `at`.
    pub(super) fn import_local(
        &mut self,
        name: &str,
        at: usize,
        range: TextRange,
    ) -> Option<usize> {
        let index = self.local_index(name)?;
        let first = self.states[index].status == Status::NotStarted;
        self.execute_module(index);
        if first && index >= self.modules.collected().len() {
            // A module `.tectonignore` leaves out is imported only here: one that does not parse
            // raises SyntaxError at this import (a `try` may catch it), labelled in the file being
            // imported, at its outermost call of a function or at this import.
            if let Some(error) = &self.modules.loaded(index).error {
                let error = error.clone();
                let error = match self.call_sites.is_empty() {
                    true => {
                        error.with_label(self.span(at, range), "the import of this file stops here")
                    }
                    false => error,
                };
                self.states[index].failed = true;
                self.raise(error);
                return Some(index);
            }
        }
        if self.states[index].failed {
            // The imported module's own failure was reported where it happened.
            self.raising = true;
        }
        Some(index)
    }

    /// The first module of the dotted name `full` that Python cannot find, with the module above
    /// it when that one is no package, when `full` starts with a module or a folder of the root:
    /// `found` holds the module of the root each prefix resolved to (`import features.old` after
    /// `features/old.py` was renamed: no module `features.old`). A folder without `__init__.py`
    /// is a namespace package, which Python finds.
    fn missing_module(&self, full: &str, found: &[Option<usize>]) -> Option<Missing> {
        if found.len() < 2 || found.iter().all(Option::is_some) {
            return None;
        }
        let parts: Vec<&str> = full.split('.').collect();
        let mut folder = self.modules.root().to_path_buf();
        folder.push(parts[0]);
        let top_is_ours =
            found[0].is_some() || self.modules.may_hold_import_only(parts[0]) && folder.is_dir();
        // A module of the standard library, or an installed package, of that name comes first
        // (the root is at the end of `sys.path`).
        let elsewhere = super::super::environment::shadowing(parts[0]).is_some()
            || self.environment.is_some_and(|e| e.has(parts[0]));
        if !top_is_ours || elsewhere {
            return None;
        }
        // A package that extends its own `__path__` or writes `sys.modules` may hold modules
        // that no file of the root is.
        let extended = |index: usize| {
            let text = &self.modules.loaded(index).text;
            text.contains("__path__") || text.contains("sys.modules")
        };
        if found.iter().flatten().any(|&index| extended(index)) {
            return None;
        }
        for i in 1..parts.len().min(found.len()) {
            folder.push(parts[i]);
            if found[i].is_some() {
                continue;
            }
            if let Some(parent) = found[i - 1].filter(|&m| !self.modules.module(m).is_package) {
                return Some(Missing {
                    name: parts[..=i].join("."),
                    not_a_package: Some(self.modules.module(parent).name.clone()),
                });
            }
            if folder.is_dir() {
                continue;
            }
            return Some(Missing {
                name: parts[..=i].join("."),
                not_a_package: None,
            });
        }
        None
    }

    /// The names a module's `__all__` lists, when it is a known list of strings: what
    /// `from module import *` imports, in that order.
    fn exported(&self, module: usize) -> Option<Vec<String>> {
        let Some(Value::List(items)) = self.states[module].globals.get("__all__") else {
            return None;
        };
        items
            .iter()
            .map(|item| match item {
                Value::Str(name, _) => Some(name.clone()),
                _ => None,
            })
            .collect()
    }

    /// `from module import *` of a module with an `__all__`: each name it lists, or the package's
    /// submodule of that name, as Python imports them. A name the module does not define fails
    /// the import (AttributeError) once the module has run to its end; `false` then.
    fn import_exported(
        &mut self,
        frame: &mut Frame<'a>,
        module: usize,
        names: Vec<String>,
        range: TextRange,
    ) -> bool {
        let owner = self.modules.module(module).name.clone();
        for name in names {
            let value = match self.global_value(frame, module, &name) {
                Some(value) => value,
                None => match self.import_local(&qualified(&owner, &name), frame.module, range) {
                    Some(submodule) => Value::Module(submodule),
                    None if self.raising => return false,
                    None => {
                        let loaded = self.modules.loaded(module);
                        let settled = self.states[module].status == Status::Done
                            && self.states[module].star_external.is_empty()
                            && !super::tecton::may_define_dynamically(&loaded.text);
                        if settled {
                            let span = self.span(frame.module, range);
                            self.raise(
                                Diagnostic::new(
                                    "TP001",
                                    format!("Tecton cannot import this file: module `{owner}` has no attribute `{name}`, which its `__all__` lists (AttributeError)"),
                                )
                                .at(span)
                                .with_help(format!("define `{name}` in `{owner}`, or take it out of its `__all__`")),
                            );
                            return false;
                        }
                        self.unknown(
                            frame.module,
                            range,
                            format!("`{name}` is listed in the `__all__` of `{owner}`, which does not define it at its top level"),
                        )
                    }
                },
            };
            self.bind(frame, &name, value);
        }
        true
    }

    /// The ModuleNotFoundError of a [`Self::missing_module`].
    fn raise_missing(&mut self, frame: &Frame<'a>, missing: Missing, range: TextRange) {
        let span = self.span(frame.module, range);
        let name = &missing.name;
        let (why, help) = match &missing.not_a_package {
            Some(parent) => (
                format!("no module named `{name}`, as `{parent}` is a module, not a package"),
                format!("`{parent}` is a file: import the names it defines (`from {parent} import x`)"),
            ),
            None => (
                format!("no module named `{name}`"),
                format!("the repository has no file or folder for `{name}`: import a module it has, or restore the file"),
            ),
        };
        self.raise(
            Diagnostic::new(
                "TP001",
                format!("Tecton cannot import this file: {why} (ModuleNotFoundError)"),
            )
            .at(span)
            .with_help(help),
        );
    }

    /// `import X...` or `from X... import` where `X` is the root directory's own name and no module
    /// or package of the root (a namespace package without `__init__.py` counts): Python cannot
    /// find it, since Tecton puts the root itself on `sys.path`.
    pub(super) fn check_root_name_import(
        &mut self,
        frame: &Frame<'a>,
        module: &str,
        range: TextRange,
    ) {
        let top = module.split('.').next().unwrap_or(module);
        if self.root_name.as_deref() == Some(top) && !self.has_local_under(top) {
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
    pub(super) fn import_from_local(
        &mut self,
        module: usize,
        name: &str,
        frame: &Frame<'a>,
        range: TextRange,
        attribute: bool,
    ) -> Value<'a> {
        if let Some(value) = self.global_value(frame, module, name) {
            return value;
        }
        let submodule = qualified(&self.modules.module(module).name, name);
        if let Some(index) = self.import_local(&submodule, frame.module, range) {
            return Value::Module(index);
        }
        if let Some(value) = self.global_value(frame, module, name) {
            return value;
        }
        if let Some(external) = self.states[module].star_external.first() {
            return Value::External(qualified(external, name));
        }
        let modules = self.modules;
        let owner = modules.module(module).name.as_str();
        let loaded = modules.loaded(module);
        let text = &loaded.text;
        // A module that can define names dynamically may define this one.
        let dynamic = || super::tecton::may_define_dynamically(text);
        if loaded.suite.is_some()
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
        let reason = if loaded.suite.is_none() {
            format!("`{name}` comes from `{owner}`, which cannot be parsed")
        } else {
            format!("`{name}` is not defined at the top level of `{owner}`")
        };
        self.unknown(frame.module, range, reason)
    }

    pub(super) fn exec_import(&mut self, frame: &mut Frame<'a>, import: &'a ast::StmtImport) {
        for alias in &import.names {
            let full = alias.name.id.as_str();
            self.check_root_name_import(frame, full, alias.range);
            if !self.is_local(full.split('.').next().unwrap_or(full)) {
                self.check_tecton_import(frame, full, None, alias.range);
                self.check_installed(frame, full, alias.range);
            }
            if self.raising {
                return;
            }
            let local = prefixes(full)
                .map(|prefix| self.import_local(prefix, frame.module, alias.range))
                .collect::<Vec<_>>();
            if self.raising {
                return;
            }
            if let Some(missing) = self.missing_module(full, &local) {
                self.raise_missing(frame, missing, alias.range);
                return;
            }
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

    pub(super) fn exec_import_from(
        &mut self,
        frame: &mut Frame<'a>,
        import: &'a ast::StmtImportFrom,
    ) {
        let module_name = import.module.as_ref().map(|m| m.id.as_str());
        let absolute = match self
            .modules
            .module(frame.module)
            .absolute_module(import.level, module_name)
        {
            Ok(absolute) => absolute,
            Err(message) => {
                let span = self.span(frame.module, import.range);
                let help = match self.modules.module(frame.module).package().is_empty() {
                    true => "import by the module's name (`from common import x`): a file at the top of the feature repository is in no package, as Tecton puts the root itself on `sys.path`",
                    false => "import by the absolute name (`from features.common import x`): the dots cannot climb above the folder at the top of the feature repository",
                };
                self.raise(
                    Diagnostic::new(
                        "TP001",
                        format!("Tecton cannot import this file: {message} (ImportError)"),
                    )
                    .at(span)
                    .with_help(help),
                );
                return;
            }
        };
        if import.level == 0 {
            self.check_root_name_import(frame, &absolute, import.range);
        }
        // A module or package of the root.
        let found = if self.raising || absolute.is_empty() {
            Vec::new()
        } else {
            prefixes(&absolute)
                .map(|prefix| self.import_local(prefix, frame.module, import.range))
                .collect::<Vec<_>>()
        };
        if self.raising {
            return;
        }
        if let Some(missing) = self.missing_module(&absolute, &found) {
            self.raise_missing(frame, missing, import.range);
            return;
        }
        let local = found.last().copied().flatten();
        if local.is_none() && import.level == 0 && !absolute.is_empty() && !self.raising {
            let at = import.module.as_ref().map_or(import.range, |m| m.range);
            self.check_installed(frame, &absolute, at);
        }
        // Whether `absolute` may be a folder of the root without `__init__.py` (never `tecton`).
        let namespace = local.is_none() && {
            let top = absolute.split('.').next().unwrap_or(&absolute);
            self.modules.may_hold_import_only(top)
        };
        for alias in &import.names {
            if self.raising {
                return;
            }
            let name = alias.name.id.as_str();
            if name == "*" {
                match local.map(|index| (index, self.exported(index))) {
                    Some((index, Some(names))) => {
                        if !self.import_exported(frame, index, names, alias.range) {
                            return;
                        }
                    }
                    Some((index, None)) => {
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
            // A folder of the root without `__init__.py` is a namespace package: Python imports
            // `from features import common` as the module `features.common`.
            let submodule = match local {
                None if namespace => {
                    self.import_local(&qualified(&absolute, name), frame.module, alias.range)
                }
                _ => None,
            };
            if self.raising {
                return;
            }
            let value = match (local, submodule) {
                (_, Some(index)) => Value::Module(index),
                (Some(index), None) => {
                    self.import_from_local(index, name, frame, alias.range, false)
                }
                (None, None) if import.level > 0 => self.unknown(
                    frame.module,
                    alias.range,
                    format!("module `{absolute}` is not in the feature repository"),
                ),
                (None, None) => {
                    self.check_tecton_import(frame, &absolute, Some(name), alias.range);
                    if self.raising {
                        return;
                    }
                    Value::External(qualified(&absolute, name))
                }
            };
            let bound = alias.asname.as_ref().unwrap_or(&alias.name);
            let shared = matches!(value, Value::Dict(_) | Value::List(_));
            self.bind(frame, bound.id.as_str(), value);
            if let (Some(index), true, None, true) =
                (local, shared, &frame.locals, frame.scopes.is_empty())
            {
                // A name that stands for an item or attribute there stands for it here too.
                match self.states[index].sources.get(name).cloned() {
                    Some(source) => self.stand_for(frame, bound.id.as_str(), source),
                    None => {
                        self.states[frame.module]
                            .aliases
                            .insert(bound.id.as_str().to_owned(), (index, name.to_string()));
                    }
                }
            }
        }
    }

    /// An import of a module outside the repository that the virtual environment (where Tecton
    /// is installed) does not have either: `tecton plan` run there raises ModuleNotFoundError. A
    /// warning, not an error: the environment that runs `tecton plan` in CI may well have it.
    /// Imports that a `try` guards, or that run under a condition that cannot be decided, are
    /// left alone.
    fn check_installed(&mut self, frame: &Frame<'a>, module: &str, range: TextRange) {
        let Some(environment) = self.environment else {
            return;
        };
        let top = module.split('.').next().unwrap_or(module);
        // A folder of the root without `__init__.py` is a namespace package: only its modules
        // have names of their own.
        if self.raising
            || self.guarded > 0
            || !self.context.is_empty()
            || environment.has(top)
            || self.has_local_under(top)
        {
            return;
        }
        let span = self.span(frame.module, range);
        self.diagnostics.push(
            Diagnostic::new(
                "TP007",
                format!(
                    "`{top}` is neither in the feature repository nor installed in the virtual environment {}: importing this file there raises ModuleNotFoundError",
                    environment.path.display()
                ),
            )
            .at(span)
            .with_help(format!("install `{top}` where `tecton plan` runs (and list it in the requirements), or add the module to the repository")),
        );
    }

    /// An import from a Tecton module that the SDK in use does not have: Python raises here.
    pub(super) fn check_tecton_import(
        &mut self,
        frame: &Frame<'a>,
        module: &str,
        name: Option<&str>,
        range: TextRange,
    ) {
        let Some(Api { api, minor }) = self.api else {
            return;
        };
        // 0.9 moved the `*_MODE` constants out of a module the API data does not cover.
        let moved_mode = module == "tecton.framework.transformation"
            && name.is_some_and(|n| n.ends_with("_MODE"))
            && minor >= (crate::sdk::Minor { major: 0, minor: 9 });
        let import = if moved_mode {
            Import::NoName
        } else {
            api.import(module, name)
        };
        let (message, help) = match import {
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
                let when = match crate::rules::migration_hint(module, name) {
                    Some(hint) => format!("{when}{hint}; "),
                    None => when,
                };
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
}
