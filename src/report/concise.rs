//! `path:line:col: CODE message`, one line per finding (`CODE [*]` when `--fix` would change it),
//! then the summary.

use std::io::Write;

use super::{display_path, fix_mark, fixable_line, place, root_lines, summary, ReportOptions};
use crate::check::CheckResult;

pub fn print(
    result: &CheckResult,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for d in &result.diagnostics {
        match &d.span {
            Some(span) => {
                let p = place(span, &result.sources);
                writeln!(
                    out,
                    "{}:{}:{}: {}{} {}",
                    display_path(&span.file, &options.cwd),
                    p.line,
                    p.column,
                    d.code,
                    fix_mark(d),
                    d.message
                )?;
            }
            None => writeln!(out, "{}{} {}", d.code, fix_mark(d), d.message)?,
        }
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
