//! Findings and the places they point at. Every stage reports problems as [`Diagnostic`]s that carry
//! byte spans into a file; lines and columns are computed only when a report is printed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How serious a finding is; `Error` findings make `check` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A file's path as places in it hold it: shared, and one pointer wide, so that a [`Span`] takes
/// 16 bytes (a repository's arguments, values and objects each hold one or two). It reads as the
/// [`Path`] it holds.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FilePath(Arc<PathBuf>);

impl FilePath {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        FilePath(Arc::new(path.into()))
    }

    /// Whether both are the one shared path (not only equal ones).
    #[cfg(test)]
    pub fn ptr_eq(a: &FilePath, b: &FilePath) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl std::ops::Deref for FilePath {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for FilePath {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl std::borrow::Borrow<Path> for FilePath {
    fn borrow(&self) -> &Path {
        &self.0
    }
}

impl std::fmt::Debug for FilePath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.as_path().fmt(f)
    }
}

impl From<&Path> for FilePath {
    fn from(path: &Path) -> Self {
        FilePath::new(path)
    }
}

impl From<PathBuf> for FilePath {
    fn from(path: PathBuf) -> Self {
        FilePath::new(path)
    }
}

/// A byte range in one file. `file` is the absolute path of the file on disk (or, for a plan base, the
/// path the file had in the root); `start..end` are byte offsets into the text that [`crate::source`]
/// holds for it. Offsets are kept as `u32`: no file read is anywhere near 4 GiB
/// ([`crate::source::MAX_READ_BYTES`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// Shared: a file's spans are many, and each would otherwise copy its path.
    pub file: FilePath,
    start: u32,
    end: u32,
}

impl Span {
    pub fn new(file: impl SpanFile, start: usize, end: usize) -> Self {
        let offset = |at: usize| u32::try_from(at).unwrap_or(u32::MAX);
        Span {
            file: file.into_file(),
            start: offset(start),
            end: offset(end.max(start)),
        }
    }

    /// A span that names a file but no place in it (for files that could not be read at all).
    pub fn whole_file(file: impl SpanFile) -> Self {
        Span::new(file, 0, 0)
    }

    pub fn start(&self) -> usize {
        self.start as usize
    }

    pub fn end(&self) -> usize {
        self.end as usize
    }

    /// The same file, another range.
    pub fn at(&self, start: usize, end: usize) -> Span {
        Span::new(&self.file, start, end)
    }
}

/// What a [`Span`] can be made from: a shared path is kept as it is, any other is copied once.
pub trait SpanFile {
    fn into_file(self) -> FilePath;
}

impl SpanFile for &FilePath {
    fn into_file(self) -> FilePath {
        self.clone()
    }
}

impl SpanFile for PathBuf {
    fn into_file(self) -> FilePath {
        FilePath::new(self)
    }
}

impl SpanFile for &PathBuf {
    fn into_file(self) -> FilePath {
        FilePath::new(self)
    }
}

impl SpanFile for &Path {
    fn into_file(self) -> FilePath {
        FilePath::new(self)
    }
}

#[cfg(test)]
impl SpanFile for &str {
    fn into_file(self) -> FilePath {
        FilePath::new(self)
    }
}

/// An object a finding belongs to (its decorator or constructor call), and how to name it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Anchor {
    pub span: Span,
    /// The object's kind as messages show it (`Batch Feature View`).
    pub kind: &'static str,
    pub name: String,
}

/// `Batch Feature View `a``, or `12 objects (`a`, `b`, `c`, …)`.
pub fn describe_anchors(anchors: &[Anchor]) -> String {
    // An object anchored at several places (its call and a constant it uses) is named once.
    // A set, not a scan of the list: a default thousands of views inherit has thousands of anchors.
    let mut seen = std::collections::HashSet::new();
    let anchors: Vec<&Anchor> = anchors
        .iter()
        .filter(|a| seen.insert((a.kind, a.name.as_str())))
        .collect();
    let names: Vec<String> = anchors.iter().map(|a| format!("`{}`", a.name)).collect();
    match names.len() {
        0 => "no object".to_string(),
        1 => format!("{} {}", anchors[0].kind, names[0]),
        n if n <= 4 => format!("{n} objects ({})", names.join(", ")),
        n => format!("{n} objects ({}, …)", names[..3].join(", ")),
    }
}

/// A secondary place attached to a finding, such as `set here in repo.yaml`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule code, such as `TP202`; the rule table gives its severity ([`Diagnostic::severity`]).
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
    /// The place the finding is about; `None` for findings about a whole root (an unknown SDK).
    pub span: Option<Span>,
    /// What the primary span's underline says (the message is shown above the excerpt).
    pub span_label: Option<String>,
    pub labels: Vec<Label>,
    /// The objects the finding belongs to (their decorator or constructor call), and where the
    /// value it is about is set when that is elsewhere (a constant, anchored once per object that
    /// uses it): a suppression comment on one of an object's lines silences the finding for that
    /// object, and the finding disappears when it is silenced for all of them.
    pub anchors: Vec<Anchor>,
    /// When the primary label names the anchors, the words before their description (`used by`),
    /// so that the label can name only the objects left after a suppression.
    pub anchors_label: Option<&'static str>,
    /// A severity other than the rule's, for a rule whose weight depends on the case (TP004 is a
    /// note for a git-ignored marker and an error for a missing one); `None`: the rule's.
    pub level: Option<Severity>,
    /// The edits that resolve the finding, when it has one right answer (`check --fix`).
    pub fix: Option<crate::fix::Fix>,
}

impl Diagnostic {
    /// A finding of the rule `code`.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            level: None,
            message: shorten(message.into()),
            help: None,
            span: None,
            span_label: None,
            labels: Vec::new(),
            anchors: Vec::new(),
            anchors_label: None,
            fix: None,
        }
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn at_opt(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    pub fn with_span_label(mut self, label: impl Into<String>) -> Self {
        self.span_label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(shorten(help.into()));
        self
    }

    pub fn with_anchor(mut self, anchor: Anchor) -> Self {
        self.anchors.push(anchor);
        self
    }

    /// Takes in the objects and labels of the same finding made again (from another root).
    pub fn merge(&mut self, other: &mut Diagnostic) {
        // Sets of what is there already: the lists may be long (every view of a root).
        let mut anchors: std::collections::HashSet<Anchor> = self.anchors.iter().cloned().collect();
        for anchor in std::mem::take(&mut other.anchors) {
            if anchors.insert(anchor.clone()) {
                self.anchors.push(anchor);
            }
        }
        let mut labels: std::collections::HashSet<Label> = self.labels.iter().cloned().collect();
        for label in std::mem::take(&mut other.labels) {
            if labels.insert(label.clone()) {
                self.labels.push(label);
            }
        }
        if let Some(prefix) = self.anchors_label {
            self.span_label = Some(format!("{prefix} {}", describe_anchors(&self.anchors)));
        }
    }

    /// Labels the primary span `{prefix} {the anchors}`, kept up to date by suppressions.
    pub fn with_anchors_label(mut self, prefix: &'static str) -> Self {
        self.anchors_label = Some(prefix);
        self.span_label = Some(format!("{prefix} {}", describe_anchors(&self.anchors)));
        self
    }

    pub fn with_fix(mut self, fix: crate::fix::Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }
}

/// Messages quote values from the user's files; a 50 MB scalar must not become a 50 MB message.
const MAX_MESSAGE_CHARS: usize = 2_000;

/// `text`, cut to [`MAX_MESSAGE_CHARS`] characters with an ellipsis and the count left out, and
/// with control characters (which would garble a terminal or split a line) escaped.
fn shorten(text: String) -> String {
    let clean = |c: char| c.is_control() && c != '\n';
    if text.chars().count() <= MAX_MESSAGE_CHARS && !text.chars().any(clean) {
        return text;
    }
    let mut out = String::new();
    for (count, c) in text.chars().enumerate() {
        if count == MAX_MESSAGE_CHARS {
            let rest = text.chars().count() - count;
            out.push_str(&format!("… ({rest} more characters)"));
            break;
        }
        if clean(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod shorten_tests {
    use super::shorten;

    #[test]
    fn long_messages_are_cut_and_control_characters_escaped() {
        let long = shorten("x".repeat(5_000));
        assert!(long.ends_with("… (3000 more characters)"), "{long}");
        assert_eq!(shorten("a\u{1b}[31mb".into()), "a\\u{1b}[31mb");
        assert_eq!(shorten("plain".into()), "plain");
    }
}

#[cfg(test)]
mod span_tests {
    use super::{FilePath, Span};
    use std::path::Path;

    #[test]
    fn a_span_is_16_bytes_and_keeps_its_offsets_in_order_and_in_range() {
        assert_eq!(std::mem::size_of::<Span>(), 16);
        let span = Span::new("a.py", 7, 3);
        assert_eq!((span.start(), span.end()), (7, 7));
        let far = Span::new("a.py", 5, usize::MAX);
        assert_eq!((far.start(), far.end()), (5, u32::MAX as usize));
        let moved = far.at(1, 2);
        assert_eq!((moved.start(), moved.end()), (1, 2));
        assert!(FilePath::ptr_eq(&moved.file, &far.file));
        // The shared path reads, hashes, orders and prints as the path itself.
        let file = FilePath::new("/r/features/a.py");
        assert_eq!(&*file, Path::new("/r/features/a.py"));
        assert_eq!(
            format!("{file:?}"),
            format!("{:?}", Path::new("/r/features/a.py"))
        );
        let mut set = std::collections::HashSet::new();
        set.insert(file.clone());
        assert!(set.contains(Path::new("/r/features/a.py")));
        assert!(FilePath::new("/r/a.py") < FilePath::new("/r/b.py"));
    }
}
