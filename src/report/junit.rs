//! JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines). As ruff's
//! `junit` output does, each finding is one test case: `classname` is the file, `name` is
//! `CODE message`, and a `<failure type="CODE">` holds `path:line:col: message` and the help line.
//!
//! Errors and warnings are failures. Info findings (notes) are passing test cases whose text is in
//! `<system-out>`: a note never fails `check`, so it must not turn a CI test report red either. A run
//! without findings is one passing test case, so the report is never empty (an empty report reads
//! as "no tests ran" to GitLab and as an error to some Jenkins set-ups).

use std::fmt::Write as _;
use std::io::Write;

use super::{display_path, place, summary, ReportOptions};
use crate::check::CheckResult;
use crate::diagnostic::Severity;

const NAME: &str = "tecton-preflight";

pub fn print(
    result: &CheckResult,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut cases = String::new();
    let mut failures = 0;
    for d in &result.diagnostics {
        let (classname, position, attributes) = match &d.span {
            Some(span) => {
                let path = display_path(&span.file, &options.cwd);
                let p = place(span, &result.sources);
                let attributes = format!(" file=\"{}\" line=\"{}\"", attribute(&path), p.line);
                (
                    path.clone(),
                    format!("{path}:{}:{}: ", p.line, p.column),
                    attributes,
                )
            }
            // A finding about no file (no root found): the tool itself is its class.
            None => (NAME.to_string(), String::new(), String::new()),
        };
        let mut body = format!("{position}{}", d.message);
        if let Some(help) = &d.help {
            body.push_str("\nhelp: ");
            body.push_str(help);
        }
        let _ = writeln!(
            cases,
            "    <testcase name=\"{}\" classname=\"{}\"{attributes}>",
            attribute(&format!("{} {}", d.code, d.message)),
            attribute(&classname),
        );
        if d.severity() == Severity::Info {
            let _ = writeln!(cases, "      <system-out>{}</system-out>", text(&body));
        } else {
            failures += 1;
            let _ = writeln!(
                cases,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                attribute(&d.message),
                attribute(d.code),
                text(&body)
            );
        }
        cases.push_str("    </testcase>\n");
    }
    let mut tests = result.diagnostics.len();
    if tests == 0 {
        tests = 1;
        let _ = writeln!(
            cases,
            "    <testcase name=\"check\" classname=\"{NAME}\">\n      <system-out>{}</system-out>\n    </testcase>",
            text(&summary(result))
        );
    }
    let counts = format!("tests=\"{tests}\" failures=\"{failures}\" errors=\"0\"");
    writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
    writeln!(out, "<testsuites name=\"{NAME}\" {counts}>")?;
    writeln!(out, "  <testsuite name=\"{NAME}\" {counts} skipped=\"0\">")?;
    out.write_all(cases.as_bytes())?;
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

/// Text for an attribute value (double- or single-quoted).
fn attribute(s: &str) -> String {
    escape(s, true)
}

/// Text for element content: newlines and tabs stay as they are, so the file reads well raw.
fn text(s: &str) -> String {
    escape(s, false)
}

/// The five special characters become entities; a carriage return always becomes a character
/// reference (parsers turn a raw one into a newline), and so do tab and newline inside attributes
/// (parsers turn raw ones into spaces there). Every other character that XML 1.0 forbids (C0
/// controls, U+FFFE, U+FFFF) becomes U+FFFD, since no escape can carry it.
fn escape(s: &str, in_attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_forbidden_characters() {
        assert_eq!(
            attribute("a & <b> \"c\" 'd'"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;"
        );
        assert_eq!(attribute("x\ty\nz\r"), "x&#9;y&#10;z&#13;");
        assert_eq!(text("x\ty\nz\r<"), "x\ty\nz&#13;&lt;");
        assert_eq!(text("\u{0}\u{1b}\u{ffff}é"), "\u{fffd}\u{fffd}\u{fffd}é");
    }
}
