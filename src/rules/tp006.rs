//! ## TP006: a suppression comment that silences nothing or names no rule (warning)
//!
//! ### What it does
//! Reports a `# tecton-preflight: ignore[CODE]` comment (in Python or in `repo.yaml`) whose rule
//! has no finding on its line, or on the object whose decorator or call starts there; a code that
//! is not a rule; and a comment in a form that is not understood.
//!
//! ### Why is this bad?
//! A stale suppression hides the next real finding on that line, and a misspelt one silences
//! nothing while looking as if it did.
//!
//! ### Example
//! ```python
//! @batch_feature_view(...)  # tecton-preflight: ignore[TP220]
//! ```
//!
//! ### Use instead
//! ```python
//! @batch_feature_view(...)  # tecton-preflight: ignore[TP202]
//! ```
//! or remove the comment.

pub const CHECK: Option<super::Check> = None;
