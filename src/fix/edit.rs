//! What a fix is: plain data. An [`Edit`] replaces a byte range of one file's text as it was read; a
//! [`Fix`] is the edits that together resolve one finding, with how safe they are to apply.

use std::path::{Path, PathBuf};

use crate::diagnostic::Span;

/// Replace `start..end` (byte offsets into the file's text as read, the same offsets as a
/// [`Span`]) with `replacement`. `start == end` inserts; an empty replacement deletes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Edit {
    pub file: PathBuf,
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

impl Edit {
    pub fn new(
        file: impl AsRef<Path>,
        start: usize,
        end: usize,
        replacement: impl Into<String>,
    ) -> Self {
        Edit {
            file: file.as_ref().to_path_buf(),
            start,
            end: end.max(start),
            replacement: replacement.into(),
        }
    }

    /// Replaces exactly what `span` covers.
    pub fn replace(span: &Span, replacement: impl Into<String>) -> Self {
        Edit::new(span.file.clone(), span.start(), span.end(), replacement)
    }

    /// Whether the two edits cannot both be applied in one pass: their ranges share a byte, one
    /// replaces a range the other inserts strictly inside, or both insert at the same place (the
    /// order would be a guess). Identical edits do not conflict: they are one edit.
    pub fn conflicts_with(&self, other: &Edit) -> bool {
        if self.file != other.file || self == other {
            return false;
        }
        let both_insert_here =
            self.start == self.end && other.start == other.end && self.start == other.start;
        both_insert_here || !(self.end <= other.start || other.end <= self.start)
    }
}

/// Whether `check --fix` applies a fix on its own (ruff's split). `Safe` keeps the meaning the
/// finding's help promises; `Unsafe` needs the user to ask for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// The edits that resolve one finding, all or none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What applying it does, shown under the finding: `set the runtime to "1.2.13"`.
    pub message: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            message: message.into(),
            applicability: Applicability::Safe,
            edits,
        }
    }

    pub fn unsafe_edits(message: impl Into<String>, edits: Vec<Edit>) -> Self {
        Fix {
            message: message.into(),
            applicability: Applicability::Unsafe,
            edits,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Edit;

    fn e(start: usize, end: usize, text: &str) -> Edit {
        Edit::new("/r/a", start, end, text)
    }

    #[test]
    fn conflicts() {
        // Disjoint and touching ranges are fine in either order.
        assert!(!e(0, 2, "x").conflicts_with(&e(2, 4, "y")));
        assert!(!e(2, 4, "y").conflicts_with(&e(0, 2, "x")));
        // Shared bytes conflict.
        assert!(e(0, 3, "x").conflicts_with(&e(2, 4, "y")));
        assert!(e(0, 9, "x").conflicts_with(&e(2, 4, "y")));
        // An insertion at either end of a replacement has one order; inside it, none.
        assert!(!e(2, 2, "i").conflicts_with(&e(2, 4, "y")));
        assert!(!e(4, 4, "i").conflicts_with(&e(2, 4, "y")));
        assert!(e(3, 3, "i").conflicts_with(&e(2, 4, "y")));
        // Two different insertions at one place: the order would be a guess.
        assert!(e(2, 2, "a").conflicts_with(&e(2, 2, "b")));
        // The same edit twice is one edit.
        assert!(!e(0, 3, "x").conflicts_with(&e(0, 3, "x")));
        // Other files never conflict.
        assert!(!e(0, 3, "x").conflicts_with(&Edit::new("/r/b", 0, 3, "y")));
    }
}
