//! The plan's output: text in `tecton plan`'s conventions (`+ Create`, `~ Update`,
//! `field: old -> new`) with a Terraform-style summary, or the `tecton-preflight/plan/v1` document.

use std::io::Write;

use serde::Serialize;

use super::display_path;
use crate::diagnostic::Severity;
use crate::model::Origin;
use crate::plan::run::{BaseInfo, PlanResult};
use crate::plan::{summarize, Action, Change, StreamJob, Summary};

pub const PLAN_SCHEMA: &str = "tecton-preflight/plan/v1";

pub(super) fn header(action: Action) -> &'static str {
    match action {
        Action::Create => "+ Create",
        Action::Update => "~ Update",
        Action::Recreate => "~ Recreate (destructive)",
        Action::Delete => "- Delete",
    }
}

pub(super) fn stream_line(job: &StreamJob, action: Action) -> String {
    match job {
        StreamJob::BlueGreen => "blue-green restart (zero downtime: the new job is verified online before the old one stops)".into(),
        StreamJob::Starts if action == Action::Create => "a new stream job starts".into(),
        StreamJob::Starts => "a new stream job starts (the view becomes materialized)".into(),
        StreamJob::Stops if action == Action::Delete => "its stream job stops (the view is deleted)".into(),
        StreamJob::Stops => "its stream job stops (the view is no longer materialized)".into(),
        StreamJob::Rebuilt => "its stream job is rebuilt: a recreate is not zero-downtime; checkpoints and backfills are redone".into(),
        StreamJob::Unpinned => "follows Tecton's weekly blue-green releases (no pinned runtime)".into(),
        StreamJob::Unknown(why) => format!("may restart: {why}"),
    }
}

/// A value as the text form shows it; an argument that is not written is `(not set)`, so that a
/// line never reads `description:  -> "weekly"`.
fn value(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("(not set)")
}

pub fn summary_line(summary: &Summary) -> String {
    let restarts = match summary.blue_green_restarts {
        1 => "1 blue-green restart".to_string(),
        n => format!("{n} blue-green restarts"),
    };
    let mut jobs = vec![restarts];
    for (count, what) in [
        (summary.stream_jobs_rebuilt, "rebuilt"),
        (summary.stream_jobs_started, "started"),
        (summary.stream_jobs_stopped, "stopped"),
        (summary.stream_jobs_uncertain, "may restart"),
    ] {
        if count > 0 {
            jobs.push(format!("{count} {what}"));
        }
    }
    format!(
        "Plan: {} to create, {} to update, {} to recreate, {} to delete. Stream jobs: {}.",
        summary.create,
        summary.update,
        summary.recreate,
        summary.delete,
        jobs.join(", ")
    )
}

/// How the text form is printed: `--color` and `--quiet`, as for `check`.
#[derive(Clone, Copy, Debug, Default)]
pub struct TextStyle {
    /// Actions in Terraform's colors: create green, update yellow, recreate and delete red.
    pub color: bool,
    /// Leave out the summary line.
    pub quiet: bool,
}

/// `text` in ANSI SGR `code` when `on`.
fn paint(text: &str, code: &str, on: bool) -> String {
    if on {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

pub fn print_text(
    result: &PlanResult,
    cwd: &std::path::Path,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    print_text_styled(result, cwd, TextStyle::default(), out)
}

pub fn print_text_styled(
    result: &PlanResult,
    cwd: &std::path::Path,
    style: TextStyle,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let errors: Vec<_> = result
        .head
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .collect();
    if !errors.is_empty() {
        writeln!(
            out,
            "{}",
            paint(
                &format!(
                    "The working tree has {} error(s); `tecton apply` would fail:",
                    errors.len()
                ),
                "1;31",
                style.color
            )
        )?;
        for d in &errors {
            match &d.span {
                Some(span) => {
                    let p = super::place(span, &result.head.sources);
                    writeln!(
                        out,
                        "  {}:{}:{}: {} {}",
                        display_path(&span.file, cwd),
                        p.line,
                        p.column,
                        d.code,
                        d.message
                    )?;
                }
                None => writeln!(out, "  {} {}", d.code, d.message)?,
            }
        }
        writeln!(out)?;
    }
    let base = match &result.base {
        BaseInfo::Git { revision, commit } => {
            format!("{revision} ({})", &commit[..commit.len().min(12)])
        }
        BaseInfo::Snapshot { file } => format!("the snapshot {file}"),
    };
    for note in &result.notes {
        writeln!(out, "note: {note}")?;
    }
    for change in &result.sdk_changes {
        let root = if change.root == "." {
            String::new()
        } else {
            format!(" ({})", change.root)
        };
        writeln!(
            out,
            "  ~ Update SDK Version{root}: {} -> {}",
            change.old.as_deref().unwrap_or("unknown"),
            change.new.as_deref().unwrap_or("unknown")
        )?;
        if !change.blocking_recreates.is_empty() {
            writeln!(
                out,
                "      error: Tecton refuses this apply: destructive changes are not allowed while the SDK version changes. Apply these {} recreate(s) before or after the upgrade:",
                change.blocking_recreates.len()
            )?;
            for object in &change.blocking_recreates {
                writeln!(
                    out,
                    "        {} {}  ({}:{})",
                    object.kind_display, object.name, object.file, object.line
                )?;
            }
        } else if change.old.is_none() || change.new.is_none() {
            let recreates = result
                .changes
                .iter()
                .filter(|c| c.action == Action::Recreate && c.root == change.root)
                .count();
            if recreates > 0 {
                writeln!(
                    out,
                    "      warning: if the SDK version changes, Tecton refuses to apply the {recreates} recreate(s) in the same apply; apply them before or after the upgrade"
                )?;
            }
        }
        writeln!(out)?;
    }
    let summary = summarize(&result.changes);
    if result.changes.is_empty() {
        writeln!(
            out,
            "No changes: the working tree defines the same objects as {base}."
        )?;
        return print_unpinned(result, out);
    } else {
        writeln!(out, "Changes from {base} to the working tree:")?;
        writeln!(out)?;
        for change in &result.changes {
            print_change(change, style.color, out)?;
        }
    }
    print_unpinned(result, out)?;
    if !style.quiet {
        writeln!(out, "{}", summary_line(&summary))?;
    }
    if result.apply_blocked() {
        writeln!(out, "Tecton refuses this apply: it recreates objects while the SDK version changes (see above).")?;
    }
    Ok(())
}

/// Materialized Spark stream views without a runtime: before SDK 0.8 they follow Tecton's weekly
/// releases; from 0.8 Tecton requires a runtime (TP201), so the apply fails until one is set.
fn print_unpinned(result: &PlanResult, out: &mut dyn Write) -> std::io::Result<()> {
    for required in [false, true] {
        let views: Vec<_> = result
            .unpinned
            .iter()
            .filter(|u| u.runtime_required == required)
            .collect();
        if views.is_empty() {
            continue;
        }
        if required {
            writeln!(out, "Materialized Stream Feature Views without a runtime (TP201: SDK 0.8+ requires one, so the apply fails until it is set):")?;
        } else {
            writeln!(out, "Stream Feature Views without a pinned runtime follow Tecton's weekly blue-green releases:")?;
        }
        for u in views {
            writeln!(out, "  {} ({}:{})", u.name, u.file, u.line)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn print_change(change: &Change, color: bool, out: &mut dyn Write) -> std::io::Result<()> {
    let ansi = match change.action {
        Action::Create => "32",
        Action::Update => "33",
        Action::Recreate | Action::Delete => "31",
    };
    writeln!(
        out,
        "  {} {} {}  ({}:{})",
        paint(header(change.action), ansi, color),
        change.kind.display(),
        change.name,
        change.file,
        change.line
    )?;
    for line in change_lines(change, color) {
        writeln!(out, "      {line}")?;
    }
    writeln!(out)
}

/// The lines under a change's header, as the text form indents them: a line per shown field,
/// then what happens to the stream job. The Markdown form shows the same lines.
pub(super) fn change_lines(change: &Change, color: bool) -> Vec<String> {
    let shown: Vec<_> = match change.action {
        // A new object lists what matters for materialization; a deleted one nothing.
        Action::Create => change
            .fields
            .iter()
            .filter(|f| {
                matches!(
                    f.name.as_str(),
                    "tecton_materialization_runtime" | "environment" | "online" | "offline"
                )
            })
            .collect(),
        Action::Delete => Vec::new(),
        _ => change.fields.iter().collect(),
    };
    let mut lines = Vec::new();
    for field in shown {
        let forces = if field.forces_replacement {
            format!("  {}", paint("# forces replacement", "31", color))
        } else {
            String::new()
        };
        if field.name == "dependency" {
            lines.push(format!("dependency: {}{forces}", value(&field.new)));
            continue;
        }
        let from = if field.origin == Some(Origin::RepoConfig) {
            format!("  (from repo.yaml){forces}")
        } else {
            forces
        };
        lines.push(match change.action {
            Action::Create => format!("{}: {}{from}", field.name, value(&field.new)),
            _ => format!(
                "{}: {} -> {}{from}",
                field.name,
                value(&field.old),
                value(&field.new)
            ),
        });
    }
    if let Some(job) = &change.stream_job {
        lines.push(format!("stream job: {}", stream_line(job, change.action)));
    }
    lines
}

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    base: &'a BaseInfo,
    /// Tecton refuses the apply: it recreates objects while the SDK version changes.
    apply_blocked: bool,
    changes: Vec<ChangeJson<'a>>,
    unpinned_stream_views: Vec<UnpinnedJson<'a>>,
    sdk_changes: &'a [crate::plan::run::SdkChange],
    notes: &'a [String],
    diagnostics: Vec<DiagnosticJson<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct ChangeJson<'a> {
    action: Action,
    kind: &'static str,
    name: &'a str,
    file: &'a str,
    line: usize,
    fields: Vec<FieldJson<'a>>,
    stream_restart: Option<&'static str>,
    stream_job: Option<String>,
}

#[derive(Serialize)]
struct FieldJson<'a> {
    name: &'a str,
    old: Option<&'a str>,
    new: Option<&'a str>,
    origin: Option<Origin>,
    forces_replacement: bool,
}

#[derive(Serialize)]
struct UnpinnedJson<'a> {
    name: &'a str,
    file: &'a str,
    line: usize,
    runtime_required: bool,
}

#[derive(Serialize)]
struct DiagnosticJson<'a> {
    code: &'static str,
    message: &'a str,
    file: Option<String>,
    line: Option<usize>,
}

pub fn print_json(
    result: &PlanResult,
    cwd: &std::path::Path,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let document = Document {
        schema: PLAN_SCHEMA,
        base: &result.base,
        apply_blocked: result.apply_blocked(),
        changes: result
            .changes
            .iter()
            .map(|c| ChangeJson {
                action: c.action,
                kind: c.kind.as_str(),
                name: &c.name,
                file: &c.file,
                line: c.line,
                fields: c
                    .fields
                    .iter()
                    .map(|f| FieldJson {
                        name: &f.name,
                        old: f.old.as_deref(),
                        new: f.new.as_deref(),
                        origin: f.origin,
                        forces_replacement: f.forces_replacement,
                    })
                    .collect(),
                stream_restart: (c.stream_job == Some(StreamJob::BlueGreen))
                    .then_some("blue_green"),
                stream_job: c.stream_job.as_ref().map(|j| stream_line(j, c.action)),
            })
            .collect(),
        unpinned_stream_views: result
            .unpinned
            .iter()
            .map(|u| UnpinnedJson {
                name: &u.name,
                file: &u.file,
                line: u.line,
                runtime_required: u.runtime_required,
            })
            .collect(),
        sdk_changes: &result.sdk_changes,
        notes: &result.notes,
        diagnostics: result
            .head
            .diagnostics
            .iter()
            .filter(|d| d.severity() == Severity::Error)
            .map(|d| DiagnosticJson {
                code: d.code,
                message: &d.message,
                file: d.span.as_ref().map(|s| display_path(&s.file, cwd)),
                line: d
                    .span
                    .as_ref()
                    .map(|s| super::place(s, &result.head.sources).line),
            })
            .collect(),
        summary: summarize(&result.changes),
    };
    // `From` keeps the kind of a write error (a closed pipe stays `BrokenPipe`).
    super::write_json(out, &document, std::io::Error::from)
}
