//! The edit engine: the one place in the crate that changes files. Rules attach a [`Fix`] (plain
//! data: byte-range edits) to a finding; a [`Changeset`] gathers the fixes to apply, per file, with
//! the exact bytes each file had when it was read and no two overlapping edits; [`apply`] writes
//! them atomically, only inside the allowed roots and files and never over a file that changed
//! since it was read; [`unified_diff`] shows the same edits without writing.

mod diff;
mod edit;
mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

pub use diff::{fix_diff, unified_diff};
pub use edit::{Applicability, Edit, Fix};
pub use write::{apply, verify};

/// The edits of one file, sorted by position and never overlapping, and the bytes they apply to.
#[derive(Clone, Debug)]
pub struct FileEdits {
    pub path: PathBuf,
    /// The file's bytes as read, which the edits' offsets refer to; [`apply`] refuses the file when
    /// its bytes on disk are not these any more.
    pub original: Vec<u8>,
    /// A file the changeset creates: it must not exist when written.
    pub created: bool,
    edits: Vec<Edit>,
}

impl FileEdits {
    pub fn edits(&self) -> &[Edit] {
        &self.edits
    }

    /// The file's new bytes: every edit applied, in one pass, to the original.
    pub fn rendered(&self) -> Vec<u8> {
        render(&self.original, &self.edits)
    }
}

/// `original` with `edits` (sorted, non-overlapping, in range) applied.
fn render(original: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut out = Vec::with_capacity(original.len());
    let mut at = 0;
    for edit in edits {
        out.extend_from_slice(&original[at..edit.start]);
        out.extend_from_slice(edit.replacement.as_bytes());
        at = edit.end;
    }
    out.extend_from_slice(&original[at..]);
    out
}

/// Where the range `start..end` of `text`, the text an analysis read from a file, lies in the
/// file's `bytes` on disk. The text is the bytes themselves; for Python, the bytes after a UTF-8
/// byte order mark, or the bytes of a file declared latin-1 decoded one character each (then only
/// an ASCII `replacement` keeps the encoding). `None` when `bytes` are none of these: the file
/// changed since it was read.
pub fn on_disk(
    text: &str,
    bytes: &[u8],
    start: usize,
    end: usize,
    replacement: &str,
) -> Option<(usize, usize)> {
    if bytes == text.as_bytes() {
        Some((start, end))
    } else if bytes.strip_prefix(crate::source::BOM.as_bytes()) == Some(text.as_bytes()) {
        let bom = crate::source::BOM.len();
        Some((start + bom, end + bom))
    } else if replacement.is_ascii()
        && bytes.len() == text.chars().count()
        && bytes.iter().map(|&b| char::from(b)).eq(text.chars())
    {
        let chars_before = |at: usize| text.get(..at).map(|t| t.chars().count());
        Some((chars_before(start)?, chars_before(end)?))
    } else {
        None
    }
}

/// The fixes to apply in one pass, grouped per file.
#[derive(Clone, Debug, Default)]
pub struct Changeset {
    files: BTreeMap<PathBuf, FileEdits>,
    /// Originals registered before any edit of theirs was added.
    originals: BTreeMap<PathBuf, Vec<u8>>,
    /// Files that do not exist yet: their edits insert the whole content.
    created: BTreeSet<PathBuf>,
}

impl Changeset {
    pub fn new() -> Self {
        Changeset::default()
    }

    /// Registers the bytes the offsets of `path`'s edits refer to (the text the analysis read).
    /// Without it, [`Changeset::add`] reads the file when it first meets it. A second call for the
    /// same file keeps the first bytes.
    pub fn set_original(&mut self, path: &Path, bytes: impl Into<Vec<u8>>) {
        if !self.files.contains_key(path) {
            self.originals
                .entry(path.to_path_buf())
                .or_insert_with(|| bytes.into());
        }
    }

    /// Registers `path` as a file to create (empty before its edits): writing it is refused when a
    /// file exists there by then.
    pub fn create(&mut self, path: &Path) {
        self.set_original(path, Vec::new());
        self.created.insert(path.to_path_buf());
    }

    /// Adds the edits of one fix, all or none: an edit out of its file's range or not on a
    /// character boundary, or overlapping an edit already held or another of the same fix, adds
    /// nothing and says why. An edit identical to one already held is taken once.
    pub fn add(&mut self, edits: &[Edit]) -> Result<(), FixError> {
        // Read every file first, so that nothing is added when one cannot be read.
        for edit in edits {
            if !self.files.contains_key(&edit.file) && !self.originals.contains_key(&edit.file) {
                let bytes =
                    crate::source::read_regular(&edit.file).map_err(|error| FixError::Io {
                        file: edit.file.clone(),
                        error,
                    })?;
                self.originals.insert(edit.file.clone(), bytes);
            }
        }
        for (i, edit) in edits.iter().enumerate() {
            let original = match self.files.get(&edit.file) {
                Some(file) => &file.original,
                None => &self.originals[&edit.file],
            };
            let on_boundary = |at: usize| match std::str::from_utf8(original) {
                Ok(text) => text.is_char_boundary(at),
                Err(_) => true,
            };
            if edit.start > edit.end
                || edit.end > original.len()
                || !on_boundary(edit.start)
                || !on_boundary(edit.end)
            {
                return Err(FixError::OutOfRange {
                    file: edit.file.clone(),
                    start: edit.start,
                    end: edit.end,
                });
            }
            let held = self.files.get(&edit.file).map_or(&[][..], |f| &f.edits[..]);
            if let Some(other) = held
                .iter()
                .chain(edits[..i].iter())
                .find(|other| edit.conflicts_with(other))
            {
                return Err(FixError::Overlap {
                    file: edit.file.clone(),
                    first: (other.start, other.end),
                    second: (edit.start, edit.end),
                });
            }
        }
        for edit in edits {
            let file = match self.files.get_mut(&edit.file) {
                Some(file) => file,
                None => {
                    let original = self.originals.remove(&edit.file).unwrap_or_default();
                    self.files
                        .entry(edit.file.clone())
                        .or_insert_with(|| FileEdits {
                            path: edit.file.clone(),
                            original,
                            created: self.created.contains(&edit.file),
                            edits: Vec::new(),
                        })
                }
            };
            if file.edits.contains(edit) {
                continue;
            }
            let at = file
                .edits
                .partition_point(|e| (e.start, e.end) <= (edit.start, edit.end));
            file.edits.insert(at, edit.clone());
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.files.values().all(|f| f.edits.is_empty())
    }

    /// The files with edits, by path.
    pub fn files(&self) -> impl Iterator<Item = &FileEdits> {
        self.files.values().filter(|f| !f.edits.is_empty())
    }
}

/// Why a fix was not added or a file not written.
#[derive(Debug)]
pub enum FixError {
    /// Two edits touch the same bytes (or insert at the same place).
    Overlap {
        file: PathBuf,
        first: (usize, usize),
        second: (usize, usize),
    },
    /// An edit lies past the end of its file or splits a character.
    OutOfRange {
        file: PathBuf,
        start: usize,
        end: usize,
    },
    /// The file (after resolving symlinks) is not inside an allowed root nor an allowed file.
    OutsideAllowed { file: PathBuf },
    /// The file's bytes are not those the edits were computed on.
    ChangedSinceRead { file: PathBuf },
    Io {
        file: PathBuf,
        error: std::io::Error,
    },
}

impl FixError {
    /// The file the error is about.
    pub fn file(&self) -> &Path {
        match self {
            FixError::Overlap { file, .. }
            | FixError::OutOfRange { file, .. }
            | FixError::OutsideAllowed { file }
            | FixError::ChangedSinceRead { file }
            | FixError::Io { file, .. } => file,
        }
    }
}

impl fmt::Display for FixError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FixError::Overlap {
                file,
                first,
                second,
            } => write!(
                f,
                "{}: the edit of bytes {}..{} overlaps the edit of bytes {}..{}",
                file.display(),
                second.0,
                second.1,
                first.0,
                first.1
            ),
            FixError::OutOfRange { file, start, end } => write!(
                f,
                "{}: bytes {start}..{end} are not a range of the file as read",
                file.display()
            ),
            FixError::OutsideAllowed { file } => write!(
                f,
                "{}: not written, it is outside the feature repository and the pin files that were checked",
                file.display()
            ),
            FixError::ChangedSinceRead { file } => write!(
                f,
                "{}: not written, it changed since it was read; run again",
                file.display()
            ),
            FixError::Io { file, error } => write!(f, "{}: {error}", file.display()),
        }
    }
}

impl std::error::Error for FixError {}

#[cfg(test)]
mod tests;
