//! Reading the repository's Python definitions without running them. This is the only module that
//! touches ruff's parser (its API changes often); everything it hands out is our own small model:
//! [`RawObject`]s with their arguments as [`PyValue`]s.
//!
//! Files are decoded and parsed in parallel; then [`interp`] executes every module's top level the
//! way `import` would, but only for what can be known statically: literals, constants, imports
//! between modules of the root, literal loops, calls of local helper functions, and the construction
//! of Tecton objects. Anything else becomes a [`PyValue::Unknown`] with the reason.

mod environment;
mod guard;
mod interp;
mod load;
pub mod syntax;

pub use environment::Environment;

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Span};
use crate::model::Kind;
use crate::source::Sources;

/// Why a value is not known statically, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct Unresolved {
    pub reason: String,
    pub span: Span,
}

/// A Python value as far as it can be known without running code.
#[derive(Clone, Debug, PartialEq)]
pub enum PyValue {
    /// A string, with the place of the literal (or f-string) that produced it.
    Str(String, Span),
    Bool(bool),
    None,
    Int(i64),
    Float(f64),
    List(Vec<PyValue>),
    /// A dict whose keys are all strings.
    Dict(Vec<(String, PyValue)>),
    /// The result of calling something outside the repository, such as
    /// `tecton.DatabricksClusterConfig(...)` or `datetime.timedelta(days=1)`.
    /// Held in boxed slices, not vectors: every value is as large as this variant.
    Call {
        callee: Box<str>,
        args: Box<[PyValue]>,
        kwargs: Box<[(String, PyValue)]>,
    },
    /// A Tecton object constructed by the repository.
    Object {
        kind: Kind,
        name: Option<String>,
    },
    /// A name from outside the repository (`tecton.StreamProcessingMode.CONTINUOUS`).
    Symbol(String),
    /// Something known to exist but not modelled (a local function, a class); the text says what.
    Other(String),
    Unknown(Unresolved),
}

impl PyValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            PyValue::Str(s, _) => Some(s),
            _ => None,
        }
    }

    /// A short rendering for messages and plans: `'1.2.13'`, `True`, `DatabricksClusterConfig(...)`.
    pub fn render(&self) -> String {
        match self {
            PyValue::Str(s, _) => format!("{s:?}"),
            PyValue::Bool(b) => if *b { "True" } else { "False" }.to_string(),
            PyValue::None => "None".to_string(),
            PyValue::Int(i) => i.to_string(),
            PyValue::Float(f) => format!("{f:?}"),
            PyValue::List(items) => {
                let inner: Vec<String> = items.iter().map(PyValue::render).collect();
                format!("[{}]", inner.join(", "))
            }
            PyValue::Dict(items) => {
                let inner: Vec<String> = items
                    .iter()
                    .map(|(k, v)| format!("{k:?}: {}", v.render()))
                    .collect();
                format!("{{{}}}", inner.join(", "))
            }
            PyValue::Call {
                callee,
                args,
                kwargs,
            } => {
                let short = callee.rsplit('.').next().unwrap_or(callee);
                let inner: Vec<String> = args
                    .iter()
                    .map(PyValue::render)
                    .chain(kwargs.iter().map(|(k, v)| format!("{k}={}", v.render())))
                    .collect();
                format!("{short}({})", inner.join(", "))
            }
            PyValue::Object { name, .. } => name.clone().unwrap_or_else(|| "<object>".into()),
            PyValue::Symbol(s) => s.strip_prefix("tecton.").unwrap_or(s).to_string(),
            PyValue::Other(s) => s.clone(),
            PyValue::Unknown(_) => "<unknown>".to_string(),
        }
    }
}

/// An argument as written: its value and the place of the expression that gave it.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    pub value: PyValue,
    pub span: Span,
}

/// One Tecton object that importing the repository would construct.
#[derive(Clone, Debug)]
pub struct RawObject {
    pub kind: Kind,
    pub name: Result<(String, Span), Unresolved>,
    pub file: crate::diagnostic::FilePath,
    /// The decorator or the constructor call.
    pub span: Span,
    /// For an object constructed in a function of another file (a factory): the call, in the file
    /// being imported, that the construction came from (its outermost call of a function).
    pub called_at: Option<Span>,
    /// Keyword arguments by name, after `**` expansion (a later one wins, as in Python).
    pub args: Vec<(String, Arg)>,
    /// A `**` expansion whose content is unknown: any parameter not given explicitly may hide in it.
    pub spread: Option<Unresolved>,
    /// Constructed in a loop, under a condition or in a call that cannot be followed exactly.
    pub context: Option<Unresolved>,
    /// The Transformation that a feature view decorator creates for its function.
    pub implicit: bool,
    /// For `mode="pipeline"` views: the modes of the transformations the function calls.
    pub pipeline_modes: Vec<String>,
    /// The decorated function's name, for messages about objects whose name is not known.
    pub function: Option<String>,
    /// For a decorated function: the field its code feeds (`pipeline` for a feature view,
    /// `user_function` for a Transformation), the function with a digest of its code, and where.
    pub code: Option<(&'static str, String, Span)>,
}

impl RawObject {
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, a)| a)
    }
}

/// What reading the Python files of one root produced.
#[derive(Debug, Default)]
pub struct PythonAnalysis {
    pub objects: Vec<RawObject>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files that could not be read or parsed (they contribute no objects, as Tecton's import of
    /// them fails).
    pub failed_files: Vec<PathBuf>,
    /// The length of the Python source read, in bytes.
    pub source_bytes: usize,
}

/// The Tecton API of the SDK in use (what `from tecton import ...` and each constructor accept),
/// when the SDK version is known and the data covers it.
#[derive(Clone, Copy)]
pub struct Api {
    pub api: &'static crate::sdk::api::SdkApi,
    pub minor: crate::sdk::Minor,
}

/// The Python files of one root, being read and parsed on rayon's threads from [`start`] until
/// [`analyze_parsed`] interprets them.
pub struct Parsing(std::sync::Arc<load::Modules>);

impl Parsing {
    /// Reads and parses the next file no thread has taken yet, on this thread; `false` once none
    /// is left.
    pub fn parse_next(&self) -> bool {
        self.0.parse_next()
    }
}

/// Starts reading and parsing `files` (absolute paths under `root`) on rayon's threads, storing
/// their texts in `sources`: what a check works out before the interpretation (the SDK, the repo
/// config) runs meanwhile. Once the [`Parsing`] is dropped (the root is analysed, or its check
/// ended early), the threads stop at the next file.
pub fn start(root: &Path, files: &[PathBuf], sources: &Sources) -> Parsing {
    sources.reserve(files.len());
    let modules = std::sync::Arc::new(load::Modules::new(root, files, sources));
    for _ in 0..rayon::current_num_threads().min(files.len()) {
        let modules = std::sync::Arc::downgrade(&modules);
        rayon::spawn(move || {
            while modules
                .upgrade()
                .is_some_and(|modules| modules.parse_next())
            {}
        });
    }
    Parsing(modules)
}

/// Reads, parses and interprets the Python files of one root. `files` are absolute paths under
/// `root`; their texts are stored in `sources` for the reports. `code`: whether decorated
/// functions give their objects their code ([`RawObject::code`], which only the plan reads).
pub fn analyze(
    root: &Path,
    files: &[PathBuf],
    sources: &Sources,
    api: Option<Api>,
    environment: Option<&Environment>,
    code: bool,
) -> PythonAnalysis {
    analyze_parsed(root, start(root, files, sources), api, environment, code)
}

/// [`analyze`] for files whose parsing has [`start`]ed: the interpreter runs on this thread,
/// parsing a module itself when no thread has taken it yet.
pub fn analyze_parsed(
    root: &Path,
    parsing: Parsing,
    api: Option<Api>,
    environment: Option<&Environment>,
    code: bool,
) -> PythonAnalysis {
    let modules = parsing.0;
    let root_name = root.file_name().map(|n| n.to_string_lossy().into_owned());
    let (objects, diagnostics) = interp::run(&modules, root_name, api, environment, code);
    let mut analysis = PythonAnalysis::default();
    // Tecton imports every collected module. A module `.tectonignore` leaves out is imported only
    // by an import that runs (one in a function never called does not), where the interpreter
    // raises its failure to parse.
    for (index, module) in modules.collected().iter().enumerate() {
        let loaded = modules.loaded(index);
        analysis.source_bytes += loaded.text.len();
        if let Some(diagnostic) = &loaded.error {
            analysis.diagnostics.push(diagnostic.clone());
            analysis.failed_files.push(module.path.to_path_buf());
        }
    }
    analysis.objects = objects;
    analysis.diagnostics.extend(diagnostics);
    // The syntax trees are freed off the path to the report, or not at all (see `drop_or_keep`).
    crate::drop_or_keep(modules, analysis.source_bytes);
    analysis
}

/// A Python file's text decoded as [`analyze`] decodes it, for a report that needs it again.
pub fn reread(path: &Path) -> Option<String> {
    load::reread(path)
}

#[cfg(test)]
mod tests;
