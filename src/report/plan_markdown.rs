//! The plan as Markdown for a pull-request comment (`plan --format markdown`): a hidden marker by
//! which a CI job finds its own comment to update it, the summary line first, what blocks the
//! apply, a table of the stream jobs the apply touches, then each change in a collapsed
//! `<details>` block holding the same lines as the text form.

use std::io::Write;

use super::display_path;
use super::plan::{change_lines, header, stream_line, summary_line};
use crate::diagnostic::Severity;
use crate::plan::run::{BaseInfo, PlanResult};
use crate::plan::{summarize, Change};

/// The first line of every Markdown plan: a CI job recognizes its own comment by it.
pub const MARKER: &str = "<!-- tecton-preflight-plan -->";

/// Text that goes into Markdown as it is: HTML's special characters escaped (a name or a message
/// never opens a tag), and `|` so that a table cell is not split.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("&#124;"),
            c => out.push(c),
        }
    }
    out
}

/// Inline code as HTML, which works the same in a table cell, a list and a `<summary>`, whatever
/// backticks the text holds.
fn code(text: &str) -> String {
    format!("<code>{}</code>", escape(text))
}

/// A fence longer than any run of backticks in `body`, so that no value closes the block early.
fn fence(body: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat((longest + 1).max(3))
}

/// Where a change is defined (its file is already relative to the working directory).
fn place(change: &Change) -> String {
    format!("{}:{}", change.file, change.line)
}

fn base_name(base: &BaseInfo) -> String {
    match base {
        BaseInfo::Git { revision, commit } => {
            let short = &commit[..commit.len().min(12)];
            // The action passes the base commit itself: name it once.
            if commit.starts_with(revision.as_str()) || revision.starts_with(short) {
                code(short)
            } else {
                format!("{} ({})", code(revision), code(short))
            }
        }
        BaseInfo::Snapshot { file } => format!("the snapshot {}", code(file)),
    }
}

pub fn print_markdown(
    result: &PlanResult,
    cwd: &std::path::Path,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let summary = summarize(&result.changes);
    let base = base_name(&result.base);
    writeln!(out, "{MARKER}")?;
    writeln!(out, "### tecton-preflight plan")?;
    writeln!(out)?;
    if result.changes.is_empty() {
        writeln!(
            out,
            "**No changes**: the working tree defines the same objects as {base}."
        )?;
    } else {
        writeln!(out, "**{}**", summary_line(&summary))?;
        writeln!(out)?;
        writeln!(out, "Changes from {base} to the working tree.")?;
    }

    if result.apply_blocked() {
        writeln!(out)?;
        writeln!(out, "> [!CAUTION]")?;
        writeln!(out, "> **Tecton refuses this apply**: destructive changes are not allowed while the SDK version changes. Apply these recreates before or after the upgrade:")?;
        for change in &result.sdk_changes {
            for object in &change.blocking_recreates {
                writeln!(
                    out,
                    "> - {} {} ({})",
                    object.kind_display,
                    code(&object.name),
                    code(&format!("{}:{}", object.file, object.line))
                )?;
            }
        }
    }

    let errors: Vec<_> = result
        .head
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .collect();
    if !errors.is_empty() {
        writeln!(out)?;
        writeln!(out, "> [!CAUTION]")?;
        writeln!(
            out,
            "> **The working tree has {} error(s)**; `tecton apply` would fail:",
            errors.len()
        )?;
        for d in &errors {
            match &d.span {
                Some(span) => {
                    let p = super::place(span, &result.head.sources);
                    let at = format!("{}:{}:{}", display_path(&span.file, cwd), p.line, p.column);
                    writeln!(out, "> - {} {} {}", code(&at), d.code, escape(&d.message))?;
                }
                None => writeln!(out, "> - {} {}", d.code, escape(&d.message))?,
            }
        }
    }

    if !result.sdk_changes.is_empty() {
        writeln!(out)?;
        writeln!(out, "**SDK version**")?;
        writeln!(out)?;
        for change in &result.sdk_changes {
            let root = if change.root == "." {
                String::new()
            } else {
                format!("{}: ", code(&change.root))
            };
            writeln!(
                out,
                "- {root}{} → {}",
                change.old.as_deref().unwrap_or("unknown"),
                change.new.as_deref().unwrap_or("unknown")
            )?;
        }
    }

    let jobs: Vec<&Change> = result
        .changes
        .iter()
        .filter(|c| c.stream_job.is_some())
        .collect();
    if !jobs.is_empty() {
        writeln!(out)?;
        writeln!(out, "**Stream jobs**")?;
        writeln!(out)?;
        writeln!(out, "| Stream Feature View | Stream job | Defined at |")?;
        writeln!(out, "|---|---|---|")?;
        for change in jobs {
            if let Some(job) = &change.stream_job {
                writeln!(
                    out,
                    "| {} | {} | {} |",
                    code(&change.name),
                    escape(&stream_line(job, change.action)),
                    code(&place(change))
                )?;
            }
        }
    }

    for required in [false, true] {
        let views: Vec<_> = result
            .unpinned
            .iter()
            .filter(|u| u.runtime_required == required)
            .collect();
        if views.is_empty() {
            continue;
        }
        writeln!(out)?;
        if required {
            writeln!(out, "**Materialized Stream Feature Views without a runtime** (TP201: SDK 0.8+ requires one, so the apply fails until it is set):")?;
        } else {
            writeln!(out, "**Stream Feature Views without a pinned runtime** follow Tecton's weekly blue-green releases:")?;
        }
        writeln!(out)?;
        for u in views {
            writeln!(
                out,
                "- {} ({})",
                code(&u.name),
                code(&format!("{}:{}", u.file, u.line))
            )?;
        }
    }

    if !result.notes.is_empty() {
        writeln!(out)?;
        writeln!(out, "**Notes**")?;
        writeln!(out)?;
        for note in &result.notes {
            writeln!(out, "- {}", escape(note))?;
        }
    }

    if !result.changes.is_empty() {
        writeln!(out)?;
        writeln!(out, "**Changes**")?;
        writeln!(out)?;
        for change in &result.changes {
            let title = format!(
                "{} {} {} ({})",
                code(header(change.action)),
                change.kind.display(),
                code(&change.name),
                code(&place(change))
            );
            let lines = change_lines(change, false);
            if lines.is_empty() {
                // A deletion, or a new object with nothing about materialization: the title says all.
                writeln!(out, "<p>{title}</p>")?;
            } else {
                let body = lines.join("\n");
                let fence = fence(&body);
                writeln!(out, "<details><summary>{title}</summary>\n")?;
                writeln!(out, "{fence}text\n{body}\n{fence}\n")?;
                writeln!(out, "</details>")?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_markdown_or_html_would_read() {
        assert_eq!(code("a|b<c>&`d`"), "<code>a&#124;b&lt;c&gt;&amp;`d`</code>");
        assert_eq!(fence("no backticks"), "```");
        assert_eq!(fence("doc=\"\"\"````x````\"\"\""), "`````");
    }
}
