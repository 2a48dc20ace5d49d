//! Findings and the places they point at. Every stage reports problems as [`Diagnostic`]s that carry
//! byte spans into a file; lines and columns are computed only when a report is printed.

use std::path::PathBuf;

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

/// A byte range in one file. `file` is the absolute path of the file on disk (or, for a plan base, the
/// path the file had in the root); `start..end` are byte offsets into the text that [`crate::source`]
/// holds for it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    pub file: PathBuf,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: impl Into<PathBuf>, start: usize, end: usize) -> Self {
        Span {
            file: file.into(),
            start,
            end: end.max(start),
        }
    }

    /// A span that names a file but no place in it (for files that could not be read at all).
    pub fn whole_file(file: impl Into<PathBuf>) -> Self {
        Span::new(file, 0, 0)
    }
}

/// A secondary place attached to a finding, such as `set here in repo.yaml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule code, such as `TP202`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The place the finding is about; `None` for findings about a whole root (an unknown SDK).
    pub span: Option<Span>,
    /// What the primary span's underline says (the message is shown above the excerpt).
    pub span_label: Option<String>,
    pub labels: Vec<Label>,
    /// The objects the finding belongs to (their decorator or constructor call): a suppression
    /// comment on one of their lines silences it too.
    pub anchors: Vec<Span>,
    /// The edits that resolve the finding, when it has one right answer (`check --fix`).
    pub fix: Option<crate::fix::Fix>,
}

impl Diagnostic {
    /// A finding of the rule `code`, with the severity the rule table gives it.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: crate::rules::severity_of(code),
            message: shorten(message.into()),
            help: None,
            span: None,
            span_label: None,
            labels: Vec::new(),
            anchors: Vec::new(),
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

    pub fn with_anchor(mut self, span: Span) -> Self {
        self.anchors.push(span);
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
