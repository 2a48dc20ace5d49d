//! A static stand-in for `import`: executes each module's top level in order, knowing only what
//! can be known without running user code. Module execution is memoized and imports execute the
//! imported module first, as Python does, so constants and re-exported names flow between modules
//! of the root. Tecton objects are recorded where they are constructed, which is when Tecton
//! registers them: at module level, in literal loops (unrolled), and in helper functions that the
//! top level calls (inlined, with their arguments bound). This file owns the interpreter's state
//! (modules, frames, the work and depth budgets, the exception in flight) and its entry point; the
//! files beside it add the parts of [`Interp`] by concern: [`value`] the values and their
//! operations, [`imports`] module execution and imports, [`layout`] the files whose module name
//! Python gives to another file, [`stmt`] names, statements and control
//! flow, [`expr`] expressions, [`call`] calls, repository functions and builtins, and [`tecton`] the
//! construction of Tecton objects and the SDK's checks on it.

mod call;
mod expr;
mod imports;
mod layout;
mod stmt;
mod tecton;
mod value;

use rustc_hash::FxHashMap as HashMap;

use ruff_text_size::TextRange;

use super::environment::Shadow;
use super::load::{LoadedModule, Modules};
use super::{Api, Environment, RawObject, Unresolved};
use crate::diagnostic::{Diagnostic, Span};
use value::Value;

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

/// Steps one module's import may take before its loops and calls are no longer followed, as for
/// [`MAX_WORK`]: each expression evaluated and statement run, and each item of a value copied (a
/// name read, an assignment to several targets). A function with a long body, or that reads a
/// large value, costs that much at each of its calls. 50,000 views in one file take a million.
const MAX_STEPS: usize = 4_000_000;

/// Steps all of a root's modules may take together, as for [`MAX_STEPS`], so that a root of many
/// modules that each spend their own budget stays fast: this much, and [`STEPS_PER_BYTE`] more for
/// each byte of the modules imported so far (a repository's own code takes one step for every ten
/// bytes or so; the budget is for code that loops and calls far more than its size).
const MAX_ROOT_STEPS: usize = 6_000_000;
const STEPS_PER_BYTE: usize = 4;

/// The largest value followed (items, and strings by 64 bytes): 16 MiB of text, or a list of
/// a quarter of a million items.
const MAX_VALUE_WEIGHT: usize = 262_144;

/// The longest text a string method or `join` makes (the text a value of [`MAX_VALUE_WEIGHT`]
/// holds): a longer one is unknown, computed first (`A.replace("", A)` of a 1 MB `A`, or a
/// 1 MB separator joining many items, would take terabytes).
const MAX_TEXT: usize = MAX_VALUE_WEIGHT * 64;

/// The widest field a format spec, `zfill`, `center`, `ljust` or `rjust` pads to; a wider one
/// is unknown (`"x".zfill(10**12)` would take a terabyte).
const MAX_PAD_WIDTH: usize = 4096;

/// Submodules of Tecton that `import tecton` does not load (checked on 0.7.13 to 1.0.42): the
/// attribute `tecton.v09_compat` exists only once some module imported `tecton.v09_compat`.
const LAZY_SUBMODULES: [&str; 1] = ["tecton.v09_compat"];

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
    /// Globals bound to the dict or list another global holds, by `from M import N` (the same
    /// object as `M.N`) or by `X = Y` at the top level: changing one in place changes the other
    /// (until either is rebound).
    aliases: HashMap<String, (usize, String)>,
    /// Globals bound at the top level to a dict or list an item or an attribute holds
    /// (`fraud = CONFIGS["fraud"]`, `flags = Holder.FLAGS`, a loop's variable over a list's
    /// dicts): the name reads and changes it there, as Python shares the object.
    sources: HashMap<String, stmt::Place<'a>>,
}

/// Where names are looked up and bound: the module's globals, or a function's locals.
struct Frame<'a> {
    module: usize,
    locals: Option<HashMap<String, Value<'a>>>,
    /// Comprehension variables, innermost last.
    scopes: Vec<HashMap<String, Value<'a>>>,
    /// The names a function declares `global`: binding them binds the module's globals.
    global_names: Vec<String>,
    /// Names whose dict or list was changed in place here (`d["k"] = v`, `d.update(...)`), for a
    /// caller or a loop to carry the change back to where the value came from.
    changed: Vec<String>,
    /// Names rebound after such a change, with the value they held then: the object where the
    /// value came from, as the change left it.
    lost: Vec<(String, Value<'a>)>,
    /// A function's names bound to a dict or list another place holds (`cfg = CONFIGS["fraud"]`,
    /// `shared = BASE`, a loop's variable over a list's dicts): the name reads and changes it
    /// there, as Python shares the object (a module's own are in its state).
    sources: HashMap<String, stmt::Place<'a>>,
}

impl<'a> Frame<'a> {
    fn module(module: usize) -> Self {
        Frame {
            module,
            locals: None,
            scopes: Vec::new(),
            global_names: Vec::new(),
            changed: Vec::new(),
            lost: Vec::new(),
            sources: HashMap::default(),
        }
    }
}

struct Interp<'a> {
    modules: &'a Modules,
    /// The modules of the root by name; the import-only ones join once a look-up needs them.
    by_name: HashMap<&'a str, usize>,
    states: Vec<ModuleState<'a>>,
    /// Whether the import-only modules are known (see [`Modules::import_only`]).
    import_only_found: bool,
    objects: Vec<RawObject>,
    diagnostics: Vec<Diagnostic>,
    /// Why objects constructed now cannot be pinned down exactly (inside an unknown loop, under an
    /// unknown condition), innermost last.
    context: Vec<Unresolved>,
    call_depth: usize,
    /// How deep a name is being followed to the place it stands for (see `carry`).
    carrying: std::cell::Cell<usize>,
    /// Whether any name stands for another place (see `stand_for`): until one does, no write
    /// needs to look for them.
    standing: bool,
    /// The modules some of whose globals stand for another place (see `ModuleState::sources`).
    sourced: Vec<usize>,
    /// The place a followed function's `return` named, when it returned a dict or list another
    /// place holds (`return CONFIGS["fraud"]`), named so that any frame finds it.
    returned: Option<stmt::Place<'a>>,
    /// [`Self::returned`] of the last call of a repository function, for the statement that
    /// binds its result (`cfg = settings_of("fraud")`); `None` after any other call.
    called: Option<stmt::Place<'a>>,
    /// The calls of the repository's functions being followed, outermost first, by module.
    call_sites: Vec<(usize, TextRange)>,
    eval_depth: usize,
    /// Work done by the module being imported (see [`MAX_WORK`]), and whether it ran out.
    work: usize,
    /// Steps taken by the module being imported (see [`MAX_STEPS`]).
    steps: usize,
    /// Steps the root's modules took before it, and what they may take in all (see
    /// [`MAX_ROOT_STEPS`]).
    root_steps: usize,
    root_allowance: usize,
    out_of_work: bool,
    /// An exception is propagating: blocks stop until a `try` catches it or the module fails.
    raising: bool,
    /// The root directory's own name (an import through it fails: the root is on `sys.path`, not
    /// its parent).
    root_name: Option<String>,
    api: Option<Api>,
    /// The virtual environment Tecton would run in, when it is known.
    environment: Option<&'a Environment>,
    /// How many `try` blocks with handlers the statement being run is inside (an import there
    /// may fail on purpose).
    guarded: usize,
    /// The [`LAZY_SUBMODULES`] that are not missing for sure: those the SDK does not have (its
    /// imports report that), and those some module of the root imports, anywhere. Tecton imports
    /// the files in the filesystem's listing order, which is not known here: an import in any
    /// file may come first, so only a submodule that no file imports is missing for sure.
    /// Worked out when first needed: it waits for every module's parse.
    imported_lazily: Option<Vec<&'static str>>,
    /// Whether objects get their decorated function's code (see [`super::analyze`]).
    code: bool,
}

pub(crate) fn run<'a>(
    modules: &'a Modules,
    root_name: Option<String>,
    api: Option<Api>,
    environment: Option<&'a Environment>,
    code: bool,
) -> (Vec<RawObject>, Vec<Diagnostic>) {
    let collected = modules.collected();
    let mut interp = Interp {
        modules,
        by_name: HashMap::default(),
        states: Vec::new(),
        import_only_found: false,
        // Room for 16 objects a file made once (each doubling copies every object built so far
        // into new pages, which the kernel fills first): a typical repository's views and their
        // transformations, 11 a file, took two doublings at 4. Room not used is never touched,
        // so it takes no memory; the bound is for a root of thousands of files.
        objects: Vec::with_capacity((collected.len() * 16).min(65_536)),
        diagnostics: Vec::new(),
        context: Vec::new(),
        call_depth: 0,
        carrying: std::cell::Cell::new(0),
        standing: false,
        sourced: Vec::new(),
        returned: None,
        called: None,
        call_sites: Vec::new(),
        eval_depth: 0,
        work: 0,
        steps: 0,
        root_steps: 0,
        root_allowance: MAX_ROOT_STEPS,
        out_of_work: false,
        raising: false,
        root_name,
        api,
        environment,
        guarded: 0,
        imported_lazily: None,
        code,
    };
    interp.add_modules(collected, 0);
    let mut conflicts = layout::conflicts(modules.root(), collected);
    if conflicts.iter().any(Option::is_some) {
        // Imports of a refused file's name reach the file Python finds for it, if it is collected
        // (the first of that name that is not refused), never the refused one.
        let mut found: HashMap<&str, usize> = HashMap::default();
        for (index, module) in collected.iter().enumerate() {
            if conflicts[index].is_none() && !shadowed(module) {
                found.entry(module.name.as_str()).or_insert(index);
            }
        }
        for (index, module) in collected.iter().enumerate() {
            let name = module.name.as_str();
            if conflicts[index].is_some() && interp.by_name.get(name) == Some(&index) {
                match found.get(name) {
                    Some(&other) => interp.by_name.insert(name, other),
                    None => interp.by_name.remove(name),
                };
            }
        }
    }
    for (index, module) in collected.iter().enumerate() {
        if shadowed(module) {
            if modules.loaded(index).error.is_none() {
                interp.diagnostics.push(shadowed_module(module));
            }
            continue;
        }
        if let Some(conflict) = conflicts[index].take() {
            if modules.loaded(index).error.is_none() {
                interp.diagnostics.push(conflict);
            }
            continue;
        }
        interp.execute_module(index);
        if module.is_package && !module.name.is_empty() && !interp.states[index].failed {
            interp.execute_init_again(index);
        }
    }
    (interp.objects, interp.diagnostics)
}

/// Whether a module of the root is named under a module that is already imported when Tecton
/// imports the repository (`json.py`, `logging/extra.py`): Python returns the module it already
/// has, never this file, and every SDK refuses it ("Python module name json (json.py) conflicts
/// with module json from ...", or ModuleNotFoundError for a name the other module lacks). Imports
/// of the name elsewhere in the repository get the other module too.
fn shadowed(module: &LoadedModule) -> bool {
    let top = module.name.split('.').next().unwrap_or(&module.name);
    !top.is_empty() && super::environment::shadowing(top).is_some()
}

fn shadowed_module(module: &LoadedModule) -> Diagnostic {
    let top = module.name.split('.').next().unwrap_or(&module.name);
    let name = &module.name;
    let taken = if name == top {
        format!("the module name `{top}` is taken")
    } else {
        format!("its module name `{name}` is under `{top}`")
    };
    let why = match super::environment::shadowing(top) {
        Some(Shadow::StandardLibrary) => format!(
            "Python finds the standard library's `{top}` first (Tecton appends the root to the end of `sys.path`), and returns that one"
        ),
        Some(Shadow::Main) => {
            "`__main__` is the `tecton` command itself, which Python returns".to_string()
        }
        _ => format!(
            "Python has already imported another `{top}` when Tecton imports the repository, and returns that one"
        ),
    };
    // Under the other module's name, Python looks for a submodule of it and finds none.
    let stops = match name == top {
        true => format!("Tecton stops: \"Python module name {name} conflicts with module {top}\""),
        false => format!("ModuleNotFoundError: \"No module named '{name}'\""),
    };
    Diagnostic::new(
        "TP001",
        format!("Tecton cannot import this file: {taken}: {why} ({stops})"),
    )
    .at(Span::whole_file(&module.path))
    .with_help(format!(
        "rename the file or folder so that its module name does not start with `{top}`"
    ))
}

impl<'a> Interp<'a> {
    /// Whether the lazy submodule `full` (one of [`LAZY_SUBMODULES`]) is not missing for sure
    /// (see [`Interp::imported_lazily`]).
    fn imported_lazily(&mut self, full: &str) -> bool {
        let api = self.api;
        let modules = self.modules;
        self.imported_lazily
            .get_or_insert_with(|| {
                LAZY_SUBMODULES
                    .into_iter()
                    .filter(|lazy| {
                        // Only an SDK that has the submodule can miss it (and the walk is then
                        // needed).
                        let exists = api.is_some_and(|a| {
                            a.api.import(lazy, None) == crate::sdk::api::Import::Ok
                        });
                        !exists
                            || modules.all().any(|(_, loaded)| {
                                // An unreadable file might import it: assume it does.
                                loaded.suite.is_none()
                                    && loaded.text.contains(tecton::last_name(lazy))
                                    || loaded.imports.iter().any(|n| {
                                        n.strip_prefix(lazy).is_some_and(|rest| {
                                            rest.is_empty() || rest.starts_with('.')
                                        })
                                    })
                            })
                    })
                    .collect()
            })
            .contains(&full)
    }

    /// Gives the modules, whose indices start at `first`, their states and their names.
    fn add_modules(&mut self, modules: &'a [LoadedModule], first: usize) {
        for (offset, module) in modules.iter().enumerate() {
            self.states.push(ModuleState {
                status: Status::NotStarted,
                failed: false,
                globals: HashMap::default(),
                star_external: Vec::new(),
                aliases: HashMap::default(),
                sources: HashMap::default(),
            });
            if !module.name.is_empty() && !shadowed(module) {
                self.by_name.insert(module.name.as_str(), first + offset);
            }
        }
    }

    /// Adds the import-only modules, once: a look-up that misses the collected modules calls it
    /// when a file of the root may answer the name. Waits for every collected module's parse.
    fn find_import_only(&mut self) {
        if std::mem::replace(&mut self.import_only_found, true) {
            return;
        }
        let modules = self.modules;
        let first = modules.collected().len();
        self.add_modules(modules.import_only(), first);
    }

    /// Whether `name` is a module of the root (without running it).
    fn is_local(&mut self, name: &str) -> bool {
        if self.by_name.contains_key(name) {
            return true;
        }
        if !self.import_only_found && self.modules.may_be_import_only(name) {
            self.find_import_only();
            return self.by_name.contains_key(name);
        }
        false
    }

    /// The index of the module of the root named `name`.
    fn local_index(&mut self, name: &str) -> Option<usize> {
        if self.is_local(name) {
            self.by_name.get(name).copied()
        } else {
            None
        }
    }

    /// Whether `top` or a module under it (`top.x`) is a module of the root.
    fn has_local_under(&mut self, top: &str) -> bool {
        let under = |by_name: &HashMap<&'a str, usize>| {
            by_name
                .keys()
                .any(|name| name.split('.').next() == Some(top))
        };
        if under(&self.by_name) {
            return true;
        }
        if !self.import_only_found && self.modules.may_hold_import_only(top) {
            self.find_import_only();
            return under(&self.by_name);
        }
        false
    }

    /// Tecton imports `pkg/__init__.py` by the module path `pkg.__init__`: Python imports the
    /// package `pkg` (running the file), then the file again as a submodule of its own, in a new
    /// namespace. Every object the file constructs is registered twice. The package keeps the
    /// namespace of its first run, as `sys.modules["pkg"]` does.
    fn execute_init_again(&mut self, index: usize) {
        let fresh = ModuleState {
            status: Status::NotStarted,
            failed: false,
            globals: HashMap::default(),
            star_external: Vec::new(),
            aliases: HashMap::default(),
            sources: HashMap::default(),
        };
        let package = std::mem::replace(&mut self.states[index], fresh);
        self.execute_module(index);
        self.states[index] = package;
    }

    fn span(&self, module: usize, range: TextRange) -> Span {
        Span::new(
            &self.modules.module(module).path,
            usize::from(range.start()),
            usize::from(range.end()),
        )
    }

    fn text(&self, module: usize, range: TextRange) -> String {
        let text = &self.modules.loaded(module).text;
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

    /// Counts one unit of work; `false` once the module's budget is spent, after saying so once.
    fn spend(&mut self, module: usize, range: TextRange) -> bool {
        self.work += 1;
        let root_steps = self.root_steps.saturating_add(self.steps);
        if self.work <= MAX_WORK && self.steps <= MAX_STEPS && root_steps <= self.root_allowance {
            return true;
        }
        if !self.out_of_work {
            self.out_of_work = true;
            let span = self.span(module, range);
            let spent = if self.work > MAX_WORK {
                format!("{MAX_WORK} loop iterations and calls")
            } else if self.steps > MAX_STEPS {
                format!("{MAX_STEPS} evaluation steps")
            } else {
                format!("the evaluation steps left of what the root's modules may take in all ({MAX_ROOT_STEPS}, and {STEPS_PER_BYTE} for each byte of their code)")
            };
            self.diagnostics.push(
                Diagnostic::new(
                    "TP002",
                    format!(
                        "tecton-preflight stops following loops and calls here: importing this module takes more than {spent}, so what it constructs from here on is not known"
                    ),
                )
                .at(span)
                .with_help("Tecton runs this code when it imports the file; keep loops and recursion small, or list the file in .tectonignore if it defines no Tecton objects"),
            );
        }
        false
    }

    /// The outermost call of a function being followed, when it is in another file than `span`:
    /// the call in the file being imported that reaches `span` (in a factory's file).
    fn importing_call(&self, span: &Span) -> Option<Span> {
        self.importing_module_call(span).map(|(_, call)| call)
    }

    /// [`Self::importing_call`] with the module it is in.
    fn importing_module_call(&self, span: &Span) -> Option<(usize, Span)> {
        let &(module, range) = self.call_sites.first()?;
        let call = self.span(module, range);
        (call.file.as_os_str() != span.file.as_os_str()).then_some((module, call))
    }

    /// An exception at this point of the import: reported once, and the module stops here.
    fn raise(&mut self, diagnostic: Diagnostic) {
        let diagnostic = self.placed_at_the_importing_call(diagnostic);
        self.diagnostics.push(diagnostic);
        self.raising = true;
    }

    /// An exception raised in a function of another file (a factory in `common.py`) fails the
    /// import of the file whose code called it (`views.py`), which the oracle lists as the file
    /// Tecton cannot import: the message names that file, and a label marks its call, so that a
    /// pre-commit run on the calling file reports the finding too.
    fn placed_at_the_importing_call(&self, mut diagnostic: Diagnostic) -> Diagnostic {
        let Some((module, call)) = diagnostic
            .span
            .as_ref()
            .and_then(|span| self.importing_module_call(span))
        else {
            return diagnostic;
        };
        if let Some(rest) = diagnostic
            .message
            .strip_prefix("Tecton cannot import this file: ")
        {
            let shown =
                crate::report::relative_to(&self.modules.module(module).path, self.modules.root());
            diagnostic.message = format!("Tecton cannot import `{shown}`: {rest}");
        }
        diagnostic.with_label(call, "the import of this file stops at this call")
    }
}
