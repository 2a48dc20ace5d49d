//! The default format: miette diagnostics with the source excerpt, labels, a help line and the rule
//! code, the fix when there is one (as diff hunks), then a summary. Labels in another file than the
//! finding (a `repo.yaml` value inherited by a view) are shown as related excerpts of their own
//! file.

use std::fmt;
use std::io::Write;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};

use super::{display_path, fix_mark, fixable_line, root_lines, summary, ReportOptions};
use crate::check::CheckResult;
use crate::diagnostic::{Diagnostic, Severity, Span};

/// One excerpt: a file's text and the labels in it.
#[derive(Debug)]
struct Shown {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<CharColumns>,
    labels: Vec<LabeledSpan>,
    related: Vec<Shown>,
}

/// A file's text for miette, whose `[file:line:col]` header would count the column in bytes:
/// this counts it in characters, as every other format does.
#[derive(Debug)]
struct CharColumns(NamedSource<String>);

impl miette::SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let contents = self
            .0
            .read_span(span, context_lines_before, context_lines_after)?;
        let text = self.0.inner().as_str();
        let start = contents.span().offset().min(text.len());
        let line_start = text
            .get(..start)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
        let column = text
            .get(line_start..start)
            .map_or(contents.column(), |prefix| prefix.chars().count());
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.0.name().to_string(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown {}

impl miette::Diagnostic for Shown {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn source_of(
    span: &Span,
    result: &CheckResult,
    options: &ReportOptions,
) -> Option<(CharColumns, usize)> {
    let text = result.sources.get(&span.file)?;
    let name = display_path(&span.file, &options.cwd);
    Some((
        CharColumns(NamedSource::new(name, text.text.to_string())),
        text.text.len(),
    ))
}

fn labeled(label: Option<&str>, span: &Span, len: usize, primary: bool) -> LabeledSpan {
    let start = span.start().min(len);
    let end = span.end().min(len).max(start);
    let source_span = SourceSpan::new(start.into(), end - start);
    if primary {
        LabeledSpan::new_primary_with_span(label.map(str::to_string), source_span)
    } else {
        LabeledSpan::new_with_span(label.map(str::to_string), source_span)
    }
}

fn shown(d: &Diagnostic, result: &CheckResult, options: &ReportOptions) -> Shown {
    let mut out = Shown {
        message: d.message.clone(),
        code: Some(format!("{}{}", d.code, fix_mark(d))),
        severity: miette_severity(d.severity()),
        help: d.help.clone(),
        source: None,
        labels: Vec::new(),
        related: Vec::new(),
    };
    let Some(span) = &d.span else {
        return out;
    };
    let Some((source, len)) = source_of(span, result, options) else {
        out.message = format!(
            "{}: {}",
            display_path(&span.file, &options.cwd),
            out.message
        );
        return out;
    };
    out.source = Some(source);
    out.labels
        .push(labeled(d.span_label.as_deref(), span, len, true));
    for label in &d.labels {
        if label.span.file == span.file {
            out.labels
                .push(labeled(Some(&label.message), &label.span, len, false));
        } else if let Some((source, len)) = source_of(&label.span, result, options) {
            out.related.push(Shown {
                message: label.message.clone(),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: Some(source),
                labels: vec![labeled(Some(&label.message), &label.span, len, true)],
                related: Vec::new(),
            });
        }
    }
    out
}

pub fn print(
    result: &CheckResult,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    for d in &result.diagnostics {
        let mut text = String::new();
        handler
            .render_report(&mut text, &shown(d, result, options))
            .map_err(std::io::Error::other)?;
        write!(out, "{text}")?;
        write!(out, "{}", fix_shown(d, result, options))?;
    }
    // With nothing checked there is nothing to sum up: the command says so on stderr.
    if !options.quiet && !super::nothing_checked(result) {
        for line in root_lines(result, options) {
            writeln!(out, "{line}")?;
        }
        writeln!(out, "{}", summary(result))?;
        if let Some(line) = fixable_line(result) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// The fix of a finding, under it: what it does, and the lines it changes as diff hunks (one line
/// of context), per file.
fn fix_shown(d: &Diagnostic, result: &CheckResult, options: &ReportOptions) -> String {
    let Some(fix) = &d.fix else {
        return String::new();
    };
    let kind = match fix.applicability {
        crate::fix::Applicability::Safe => "fix",
        crate::fix::Applicability::Unsafe => "unsafe fix",
    };
    let mut out = format!("  {kind}: {}\n", fix.message);
    let mut files: Vec<&std::path::Path> = fix.edits.iter().map(|e| &*e.file).collect();
    files.dedup();
    for file in files {
        let Some(source) = result.sources.get(file) else {
            continue;
        };
        let edits: Vec<crate::fix::Edit> = fix
            .edits
            .iter()
            .filter(|e| e.file == file)
            .cloned()
            .collect();
        let hunks = crate::fix::fix_diff(source.text.as_bytes(), &edits, 1);
        if d.span.as_ref().is_none_or(|s| *s.file != *file) {
            out.push_str(&format!("    {}\n", display_path(file, &options.cwd)));
        }
        for line in hunks.lines() {
            out.push_str(format!("    {line}").trim_end());
            out.push('\n');
        }
    }
    out.push('\n');
    out
}
