//! ## TP002: a parameter that matters cannot be resolved statically (warning)
//!
//! ### What it does
//! Reports an object whose `name`, `online`, `offline`, `tecton_materialization_runtime`,
//! `environment` or `mode` cannot be known without running the code (a value read from an
//! environment variable, returned by a function, or hidden in a `**kwargs` of unknown content), and
//! objects constructed where the analyzer cannot tell whether or how often they are (a loop over
//! computed items, an `if` on a runtime condition, a factory handed to code it does not follow,
//! such as `map(make, names)`). It never guesses: the rules that need the value skip the object.
//!
//! ### Why is this bad?
//! What cannot be read cannot be checked: a runtime from `os.environ` may be outside the window on
//! the machine that runs `tecton apply`.
//!
//! ### Example
//! ```python
//! RUNTIME = os.environ["TECTON_RUNTIME"]
//!
//! @stream_feature_view(..., tecton_materialization_runtime=RUNTIME)
//! ```
//!
//! ### Use instead
//! ```python
//! RUNTIME = "1.2.13"
//! ```
//! or set the default once in `repo.yaml`.

pub const CHECK: Option<super::Check> = None;
