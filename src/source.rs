//! The text of every file a run read, shared by all stages, so that reports can turn byte spans into
//! lines, columns and source excerpts without reading a file twice.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

/// The most a configuration or snapshot file may hold; beyond it the file is refused, not read.
pub const MAX_READ_BYTES: u64 = 64 * 1024 * 1024;

/// A UTF-8 byte order mark, as a text holds it.
pub const BOM: &str = "\u{feff}";

/// `path` with its folder's links resolved and its own name kept: the real place of a file not
/// created yet, or of a link that leads nowhere (which `canonicalize` cannot resolve).
pub fn resolved_folder(path: &Path) -> std::io::Result<PathBuf> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("no file name"))?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Ok(std::fs::canonicalize(folder)?.join(name))
}

/// The folder a run lays out a private tree in (a plan's base, an upgrade's copy): the system's
/// temporary directory, unless it lies below a hidden folder (`~/.cache/tmp`), where Tecton, and
/// so the analysis, would see no file at all; then `/tmp` when it is not hidden itself.
pub fn scratch_parent() -> PathBuf {
    let system = std::env::temp_dir();
    let fallback = Path::new("/tmp");
    if below_hidden_folder(&system) && fallback.is_dir() && !below_hidden_folder(fallback) {
        return fallback.to_path_buf();
    }
    system
}

/// Whether `dir`, as given or with links resolved, lies below a hidden folder.
pub fn below_hidden_folder(dir: &Path) -> bool {
    let resolved = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    crate::check::hidden_ancestor(dir).is_some()
        || crate::check::hidden_ancestor(&resolved).is_some()
}

/// Reads a whole file that must be a regular file: a FIFO, socket, device (`/dev/zero`) or
/// directory is refused, and so is a file larger than [`MAX_READ_BYTES`]. The file is opened
/// without blocking (a FIFO would wait for a writer) and without becoming anyone's terminal, and
/// what it is comes from the open file: one look-up of the path, not two.
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let not_regular = |meta: &std::fs::Metadata| {
        std::io::Error::other(if meta.is_dir() {
            "it is a directory"
        } else {
            "it is not a regular file (a FIFO, socket or device)"
        })
    };
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
    {
        Ok(file) => file,
        // A socket cannot be opened at all: say what it is rather than why the open failed.
        Err(err) => {
            return Err(match std::fs::metadata(path) {
                Ok(meta) if !meta.is_file() => not_regular(&meta),
                _ => err,
            })
        }
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() > MAX_READ_BYTES {
        return Err(std::io::Error::other(format!(
            "it is larger than {} MiB",
            MAX_READ_BYTES / (1024 * 1024)
        )));
    }
    // Sized from the metadata, so that a file is read in one call and one more that finds its
    // end (a file that grew since is still read whole, up to the limit).
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
    file.take(MAX_READ_BYTES + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// [`read_regular`] as UTF-8 text.
pub fn read_regular_text(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read_regular(path)?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// A file's text and the byte offsets at which its lines start.
#[derive(Debug)]
pub struct SourceText {
    pub text: Arc<str>,
    /// Offsets as `u32`: no text read is anywhere near 4 GiB ([`MAX_READ_BYTES`]), and a monorepo
    /// has millions of lines.
    line_starts: Vec<u32>,
    /// False when the file is not text Python can read (binary, undecodable) and `text` is a lossy
    /// rendering kept only to show places: nothing in it is code or a comment.
    pub readable: bool,
    /// The text was let go once its root was checked with no finding in the file
    /// ([`Sources::let_go`]): `text` is empty and no place in the file is known.
    pub let_go: bool,
}

impl SourceText {
    pub fn new(text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let line_starts = line_starts(text.as_bytes());
        SourceText {
            text,
            line_starts,
            readable: true,
            let_go: false,
        }
    }

    /// 1-based line of a byte offset (as [`SourceText::line_col`], without counting the column's
    /// characters: the reports list a line for every object).
    pub fn line(&self, offset: usize) -> usize {
        self.line_index(offset.min(self.text.len())) + 1
    }

    fn line_index(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s as usize <= offset)
            .max(1)
            - 1
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end or inside a
    /// character are clamped.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let mut start = self.line_starts.get(line).map_or(0, |&s| s as usize);
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        // A byte order mark (kept in a pin file's text) is not a column, as in an editor.
        if line == 0 && end >= BOM.len() && self.text.starts_with(BOM) {
            start = BOM.len();
        }
        let col = self.text[start..end].chars().count() + 1;
        (line + 1, col)
    }
}

/// The offsets at which a text's lines start: 0, and the offset after each `\n` (kept at
/// `u32::MAX` past it). Counted first, then found with memchr's vector search: a monorepo has
/// millions of lines. (Reading masks of eight or 32 bytes in plain Rust took more instructions on
/// a typical repository's lines of about 30 bytes.)
fn line_starts(bytes: &[u8]) -> Vec<u32> {
    let mut starts = Vec::with_capacity(1 + memchr::memchr_iter(b'\n', bytes).count());
    starts.push(0);
    starts.extend(
        memchr::memchr_iter(b'\n', bytes).map(|i| u32::try_from(i + 1).unwrap_or(u32::MAX)),
    );
    starts
}

/// All texts of a run, keyed by absolute path. Cheap to clone; safe to fill from several threads.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// Fx, not SipHash: a monorepo's paths are hashed at every insert and look-up.
    inner: Arc<RwLock<rustc_hash::FxHashMap<PathBuf, Arc<SourceText>>>>,
}

impl Sources {
    /// Makes room for `additional` more files at once: a map grown one doubling at a time hashes
    /// every path again at each, and hashing a path walks its components.
    pub fn reserve(&self, additional: usize) {
        if let Ok(mut map) = self.inner.write() {
            map.reserve(additional);
        }
    }

    pub fn insert(&self, path: &Path, text: impl Into<Arc<str>>) -> Arc<SourceText> {
        let source = Arc::new(SourceText::new(text));
        if let Ok(mut map) = self.inner.write() {
            map.insert(path.to_path_buf(), source.clone());
        }
        source
    }

    /// Keeps a lossy rendering of a file Python cannot read, to show places in it.
    pub fn insert_unreadable(&self, path: &Path, text: impl Into<Arc<str>>) -> Arc<SourceText> {
        let mut source = SourceText::new(text);
        source.readable = false;
        let source = Arc::new(source);
        if let Ok(mut map) = self.inner.write() {
            map.insert(path.to_path_buf(), source.clone());
        }
        source
    }

    pub fn get(&self, path: &Path) -> Option<Arc<SourceText>> {
        self.inner.read().ok()?.get(path).cloned()
    }

    /// Lets go of the text of `paths` (and where their lines start). A run whose findings are
    /// known calls it for the files no finding points into, so that a monorepo's texts are not
    /// all held until the reports are written; [`Sources::restore`] brings a text back if a
    /// finding of another root needs it after all.
    pub fn let_go<'p>(&self, paths: impl Iterator<Item = &'p Path>) {
        let Ok(mut map) = self.inner.write() else {
            return;
        };
        for path in paths {
            if let Some(source) = map.get_mut(path) {
                if source.let_go {
                    continue;
                }
                *source = Arc::new(SourceText {
                    text: Arc::from(""),
                    line_starts: vec![0],
                    readable: source.readable,
                    let_go: true,
                });
            }
        }
    }

    /// Puts back the text of a file whose text [`Sources::let_go`] let go.
    pub fn restore(&self, path: &Path, text: impl Into<Arc<str>>) {
        let readable = self.get(path).is_none_or(|s| s.readable);
        let mut source = SourceText::new(text);
        source.readable = readable;
        if let Ok(mut map) = self.inner.write() {
            map.insert(path.to_path_buf(), Arc::new(source));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let source = SourceText::new("\u{feff}tecton==1.2.0\nx\n");
        assert_eq!(source.line_col(0), (1, 1));
        assert_eq!(source.line_col(1), (1, 1), "inside the mark");
        assert_eq!(source.line_col(3), (1, 1));
        assert_eq!(source.line_col(4), (1, 2));
        assert_eq!(source.line_col(17), (2, 1));
        let plain = SourceText::new("tecton==1.2.0\n");
        assert_eq!(plain.line_col(0), (1, 1));
        assert_eq!(plain.line_col(3), (1, 4));
    }

    #[test]
    fn line_starts_are_found_at_every_newline_of_any_text() {
        let naive = |bytes: &[u8]| {
            let mut starts = vec![0];
            starts.extend(
                (0..bytes.len())
                    .filter(|&i| bytes[i] == b'\n')
                    .map(|i| i as u32 + 1),
            );
            starts
        };
        // Every byte value beside and between newlines, at every offset within a word, and
        // texts of every length up to three words and a half.
        let mut texts: Vec<Vec<u8>> =
            vec![Vec::new(), b"\n".to_vec(), b"\n\n\n\n\n\n\n\n\n".to_vec()];
        for len in 0..30 {
            for at in 0..len {
                let mut text: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8 | 0x80).collect();
                text[at] = b'\n';
                texts.push(text.clone());
                text.iter_mut().for_each(|b| *b = b'\x0b');
                text[at] = b'\n';
                texts.push(text);
            }
        }
        texts.push((0..=255u8).cycle().take(2_000).collect());
        texts.push("é\r\nx = 1\n\n  # ✓\n".repeat(50).into_bytes());
        for text in &texts {
            assert_eq!(line_starts(text), naive(text), "{text:?}");
        }
        let source = SourceText::new("a\nbé\n\nc");
        assert_eq!(source.line_col(5), (2, 3));
        assert_eq!(source.line_col(7), (4, 1));
        for offset in 0..12 {
            assert_eq!(
                source.line(offset),
                source.line_col(offset).0,
                "at {offset}"
            );
        }
    }

    #[test]
    fn only_regular_files_are_read_and_none_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.py");
        std::fs::write(&file, "x = 1\n").unwrap();
        assert_eq!(read_regular(&file).unwrap(), b"x = 1\n");
        let refused = |path: &Path| read_regular(path).unwrap_err().to_string();
        assert_eq!(refused(dir.path()), "it is a directory");
        let not_regular = "it is not a regular file (a FIFO, socket or device)";
        // A FIFO with no writer would block a plain open.
        let fifo = dir.path().join("fifo.py");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo runs");
        assert_eq!(refused(&fifo), not_regular);
        // A socket cannot be opened at all.
        let socket = dir.path().join("socket.py");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        assert_eq!(refused(&socket), not_regular);
        assert_eq!(refused(Path::new("/dev/zero")), not_regular);
        assert_eq!(
            read_regular(&dir.path().join("missing.py"))
                .unwrap_err()
                .kind(),
            std::io::ErrorKind::NotFound
        );
    }

    #[test]
    fn line_col_counts_characters() {
        let s = SourceText::new("ab\nçd\n");
        assert_eq!(s.line_col(0), (1, 1));
        assert_eq!(s.line_col(3), (2, 1));
        assert_eq!(s.line_col(5), (2, 2));
        assert_eq!(s.line_col(4), (2, 1));
        assert_eq!(s.line_col(100), (3, 1));
    }

    #[test]
    fn a_text_let_go_comes_back() {
        let sources = Sources::default();
        let path = Path::new("/r/a.py");
        sources.insert(path, "ab\nçd\nx = 1\n");
        sources.let_go([path].into_iter());
        let kept = sources.get(path).unwrap();
        assert!(kept.let_go);
        assert!(kept.text.is_empty());
        sources.restore(path, "ab\nçd\nx = 1\n");
        let back = sources.get(path).unwrap();
        assert!(!back.let_go);
        assert_eq!(back.line_col(5), (2, 2));
    }
}
