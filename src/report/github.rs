//! GitHub Actions workflow commands (`::error file=…,line=…::message`), which GitHub shows as
//! annotations on the pull request. GitHub attaches an annotation to a file by its path from the
//! repository's top directory, so paths are relative to the git top-level, not to the directory
//! the step runs in (`working-directory: feature_repo`).

use std::io::Write;

use super::{display_path, place, ReportOptions};
use crate::check::CheckResult;
use crate::diagnostic::Severity;

pub fn print(
    result: &CheckResult,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for d in &result.diagnostics {
        let command = match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let title = format!(
            "{} ({})",
            d.code,
            crate::rules::find(d.code).map_or("", |r| r.summary)
        );
        match &d.span {
            Some(span) => {
                let p = place(span, &result.sources);
                writeln!(
                    out,
                    "::{command} title={},file={},line={},col={},endLine={},endColumn={}::{}",
                    escape_property(&title),
                    escape_property(&display_path(&span.file, options.source_root())),
                    p.line,
                    p.column,
                    p.end_line,
                    p.end_column,
                    escape_data(&message)
                )?;
            }
            None => writeln!(
                out,
                "::{command} title={}::{}",
                escape_property(&title),
                escape_data(&message)
            )?,
        }
    }
    Ok(())
}

/// Escaping for the message part of a workflow command.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for a property value of a workflow command.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_documents() {
        assert_eq!(escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(escape_property("x:y,z"), "x%3Ay%2Cz");
    }
}
