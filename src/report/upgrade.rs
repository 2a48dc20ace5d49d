//! The upgrade path, for people (`text`) and for programs (`json`, schema
//! `tecton-preflight/upgrade/v1`, documented in the README).

use std::io::{self, Write};
use std::path::Path;

use crate::upgrade::{Change, Phase, RootUpgrade, Step, UpgradeResult};

pub use crate::upgrade::Written;

fn shown(path: &Path, cwd: &Path) -> String {
    path.strip_prefix(cwd).unwrap_or(path).display().to_string()
}

/// 1-based line and column (in characters) of `offset` in `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let mut column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    // A byte order mark is not a column, for Python as for `check`.
    if line == 1 && column > 1 && text.starts_with(crate::source::BOM) {
        column -= 1;
    }
    (line, column)
}

fn change_position(step: &Step, change: &Change) -> (usize, usize) {
    step.originals
        .iter()
        .find(|(p, _)| **p == *change.span.file)
        .map_or((1, 1), |(_, text)| position(text, change.span.start()))
}

fn step_title(step: &Step) -> String {
    match step.phase {
        Phase::OldSdk => format!(
            "on SDK {}: runtimes into {} and what both SDKs accept",
            step.hop.from, step.hop.to
        ),
        Phase::Bump => format!("the bump to SDK {}", step.hop.to),
    }
}

fn names(list: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut out = list
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if list.len() > SHOWN {
        out.push_str(&format!(", and {} more", list.len() - SHOWN));
    }
    out
}

pub fn print_text(
    result: &UpgradeResult,
    written: &[Written],
    cwd: &Path,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut remaining = 0;
    let mut human = 0;
    for root in &result.roots {
        print_root(root, result, cwd, out)?;
        remaining += root.steps.len();
        human += root.steps.iter().filter(|s| s.needs_human()).count();
    }
    for w in written {
        let files: Vec<String> = w.files.iter().map(|f| shown(f, cwd)).collect();
        let whose = if result.roots.len() > 1 {
            format!(" of {}", shown(&w.root, cwd))
        } else {
            String::new()
        };
        writeln!(
            out,
            "Wrote the step{whose} to {}. Apply it with SDK {} (`tecton plan`, then `tecton apply`) before the next `--fix`.",
            files.join(", "),
            w.sdk
        )?;
    }
    let problems = result.roots.iter().filter(|r| r.problem.is_some()).count();
    if remaining == 0 && problems == 0 {
        writeln!(
            out,
            "Every root is at SDK {}: nothing remains.",
            result.target
        )?;
        return Ok(());
    }
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut summary = format!(
        "Upgrade to SDK {}: {}",
        result.target,
        plural(remaining, "step remains", "steps remain")
    );
    if human > 0 {
        summary.push_str(&format!(", {} a person", plural(human, "needs", "need")));
    }
    if problems > 0 {
        summary.push_str(&format!(
            ", {} cannot be worked out",
            plural(problems, "root", "roots")
        ));
    }
    summary.push('.');
    if written.is_empty() && remaining > human {
        summary.push_str(" `--fix` writes the first step of each root; `--diff` shows it.");
    }
    writeln!(out, "{summary}")
}

fn print_root(
    root: &RootUpgrade,
    result: &UpgradeResult,
    cwd: &Path,
    out: &mut impl Write,
) -> io::Result<()> {
    let name = shown(&root.root, cwd);
    let name = if name.is_empty() {
        ".".to_string()
    } else {
        name
    };
    let from = root.sdk.as_ref().map_or_else(
        || "an unknown SDK".to_string(),
        |s| format!("SDK {}", s.version.display),
    );
    if let Some(problem) = &root.problem {
        writeln!(out, "{name}: {from} -> {}: {problem}", result.target)?;
        if root.steps.is_empty() {
            return Ok(());
        }
    }
    if root.steps.is_empty() {
        writeln!(out, "{name}: at SDK {}.", result.target)?;
        return Ok(());
    }
    writeln!(out, "{name}: {from} -> {}", result.target)?;
    let mut hop = None;
    for (index, step) in root.steps.iter().enumerate() {
        if hop != Some(step.hop) {
            writeln!(out, "  Hop {} -> {}", step.hop.from, step.hop.to)?;
            hop = Some(step.hop);
        }
        let marker = if index == 0 && root.held.is_some() {
            "   (waits: --fix writes nothing for it yet)"
        } else if index == 0 && !step.needs_human() {
            "   (next: --fix writes this step)"
        } else if step.needs_human() {
            "   (needs a person: --fix writes nothing)"
        } else {
            ""
        };
        writeln!(out, "    Step {}, {}{marker}", index + 1, step_title(step))?;
        if let (0, Some(why)) = (index, &root.held) {
            writeln!(out, "      waits: {why}")?;
        }
        for change in &step.changes {
            let (line, column) = change_position(step, change);
            let path = shown(&change.span.file, cwd);
            match &change.human {
                // A value that moves by itself (nothing to write).
                None if change.edits.is_empty() => writeln!(
                    out,
                    "      {path}:{line}:{column}: {} {}",
                    change.code, change.message
                )?,
                None => writeln!(
                    out,
                    "      {path}:{line}:{column}: {} [*] {}",
                    change.code, change.message
                )?,
                Some(why) => writeln!(
                    out,
                    "      {path}:{line}:{column}: {} {}\n        needs a person: {why}",
                    change.code, change.message
                )?,
            }
        }
        let moves =
            !(step.restarts.is_empty() && step.may_restart.is_empty() && step.updates.is_empty());
        if (step.phase == Phase::OldSdk || moves) && !step.needs_human() {
            // (the objects, one, many, how).
            let groups = [
                (
                    &step.restarts,
                    "1 stream job restarts",
                    "stream jobs restart",
                    "blue-green",
                ),
                (
                    &step.may_restart,
                    "1 stream job may restart",
                    "stream jobs may restart",
                    "(blue-green if on Spark; --default-compute tells)",
                ),
                (
                    &step.updates,
                    "1 view or table updates",
                    "views and tables update",
                    "in place",
                ),
            ];
            let mut effects: Vec<String> = groups
                .iter()
                .filter(|(objects, ..)| !objects.is_empty())
                .map(|(objects, one, many, how)| {
                    let count = match objects.len() {
                        1 => one.to_string(),
                        n => format!("{n} {many}"),
                    };
                    format!("{count} {how} ({})", names(objects))
                })
                .collect();
            if effects.is_empty() {
                effects.push("no materialized view changes its runtime".into());
            }
            writeln!(
                out,
                "      Applying it (tecton apply on SDK {}): {}.",
                step.sdk,
                effects.join("; ")
            )?;
        }
    }
    Ok(())
}

pub fn print_json(
    result: &UpgradeResult,
    written: &[Written],
    cwd: &Path,
    out: &mut impl Write,
) -> io::Result<()> {
    let roots: Vec<serde_json::Value> = result
        .roots
        .iter()
        .map(|root| {
            let steps: Vec<serde_json::Value> = root
                .steps
                .iter()
                .map(|step| {
                    let changes: Vec<serde_json::Value> = step
                        .changes
                        .iter()
                        .map(|change| {
                            let (line, column) = change_position(step, change);
                            serde_json::json!({
                                "code": change.code,
                                "message": change.message,
                                "file": shown(&change.span.file, cwd),
                                "line": line,
                                "column": column,
                                "fixable": change.human.is_none() && !change.edits.is_empty(),
                                "needs_human": change.human,
                            })
                        })
                        .collect();
                    serde_json::json!({
                        "hop": {"from": step.hop.from.to_string(), "to": step.hop.to.to_string()},
                        "step": match step.phase { Phase::OldSdk => "runtimes", Phase::Bump => "sdk_bump" },
                        "sdk": step.sdk.to_string(),
                        "needs_human": step.needs_human(),
                        "changes": changes,
                        "stream_restarts": step.restarts,
                        "stream_may_restart": step.may_restart,
                        "in_place_updates": step.updates,
                    })
                })
                .collect();
            let files: Vec<String> = written
                .iter()
                .filter(|w| w.root == root.root)
                .flat_map(|w| w.files.iter().map(|f| shown(f, cwd)))
                .collect();
            serde_json::json!({
                "path": shown(&root.root, cwd),
                "sdk": root.sdk.as_ref().map(|s| s.version.display.clone()),
                "target": result.target.to_string(),
                "at_target": root.done(),
                "problem": root.problem,
                "waits": root.held,
                "steps": steps,
                "written": files,
            })
        })
        .collect();
    let document = serde_json::json!({
        "schema": "tecton-preflight/upgrade/v1",
        "target": result.target.to_string(),
        "roots": roots,
        "summary": {
            "roots": result.roots.len(),
            "steps": result.roots.iter().map(|r| r.steps.len()).sum::<usize>(),
            "needs_human": result.roots.iter().flat_map(|r| &r.steps).filter(|s| s.needs_human()).count(),
            "at_target": result.roots.iter().filter(|r| r.done()).count(),
        },
    });
    super::write_json(out, &document, std::io::Error::from)
}
