//! ## TP001: a Python file that cannot be read or parsed (error)
//!
//! ### What it does
//! Reports a `.py` file under the root that Python could not import: a syntax error (also one
//! only Python's compiler finds, such as `return` outside a function or a late
//! `from __future__` import), a file that is not UTF-8 (and declares no other encoding), a binary
//! file, nesting past Python's limits, a file or directory that cannot be read, a module name
//! that Python gives to another file (a standard library module, a package beside it, a dot in a
//! name), or an import that fails (a module the repository does not have, a relative import
//! Python refuses, a name the SDK does not export). The position is the first offending byte, or
//! the failing import. The rest of the repository is still checked.
//!
//! ### Why is this bad?
//! `tecton plan` and `tecton apply` import every Python file under the root and stop at the first
//! one that fails, so none of the repository's changes can be applied.
//!
//! ### Example
//! ```python
//! @batch_feature_view(sources=[transactions], mode="spark_sql"
//! def user_totals(transactions):
//! ```
//!
//! ### Use instead
//! ```python
//! @batch_feature_view(sources=[transactions], mode="spark_sql")
//! def user_totals(transactions):
//! ```
//! A file that is not meant to be imported (generated data, a notebook export) belongs in
//! `.tectonignore`.

pub const CHECK: Option<super::Check> = None;
