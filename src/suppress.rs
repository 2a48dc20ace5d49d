//! Suppression comments: `# tecton-preflight: ignore[TP202]` (several codes separated by commas)
//! silences those findings on the line of the comment, and the findings of an object whose
//! decorator or constructor call starts on that line. A finding that several objects share (a
//! `repo.yaml` default they inherit) is silenced only for the objects that suppress it, and stays,
//! naming the others, while any is left. The same comment works in `repo.yaml`. A
//! suppression that silences nothing, or names no rule, is itself a warning (TP006), so stale ones
//! do not pile up.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::{describe_anchors, Anchor, Diagnostic, Span};
use crate::source::Sources;

const MARKER: &str = "tecton-preflight:";

struct Suppression {
    file: PathBuf,
    line: usize,
    /// The code and where it is written.
    codes: Vec<(String, Span)>,
    used: Vec<bool>,
}

/// The suppression comments of a file: `#`, then `tecton-preflight: ignore[...]`.
fn scan(path: &Path, text: &str, out: &mut Vec<Suppression>, problems: &mut Vec<Diagnostic>) {
    if !text.contains(MARKER) {
        return;
    }
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start_of_line = offset;
        offset += line.len();
        let Some(hash) = line.find('#') else {
            continue;
        };
        let Some(at) = line[hash..].find(MARKER).map(|i| i + hash) else {
            continue;
        };
        let rest = &line[at + MARKER.len()..];
        let trimmed = rest.trim_start();
        let rest_start = start_of_line + at + MARKER.len() + (rest.len() - trimmed.len());
        let comment_span = Span::new(
            path,
            start_of_line + at,
            start_of_line + line.trim_end().len(),
        );
        let Some(list) = trimmed
            .strip_prefix("ignore[")
            .and_then(|r| r.split_once(']'))
            .map(|(l, _)| l)
        else {
            problems.push(
                Diagnostic::new(
                    "TP006",
                    "this suppression is not understood: write `# tecton-preflight: ignore[CODE]`",
                )
                .at(comment_span),
            );
            continue;
        };
        let list_start = rest_start + "ignore[".len();
        let mut codes = Vec::new();
        let mut cursor = 0;
        for part in list.split(',') {
            let code = part.trim();
            let lead = part.len() - part.trim_start().len();
            let start = list_start + cursor + lead;
            cursor += part.len() + 1;
            if code.is_empty() {
                continue;
            }
            let span = Span::new(path, start, start + code.len());
            if crate::rules::find(code).is_some() {
                codes.push((code.to_ascii_uppercase(), span));
            } else {
                problems.push(
                    Diagnostic::new(
                        "TP006",
                        format!("`{code}` in this suppression is not a rule code"),
                    )
                    .at(span)
                    .with_help("`tecton-preflight rule` lists the codes"),
                );
            }
        }
        if !codes.is_empty() {
            let used = vec![false; codes.len()];
            out.push(Suppression {
                file: path.to_path_buf(),
                line: index + 1,
                codes,
                used,
            });
        }
    }
}

/// Removes the findings that a suppression comment in `files` silences, and adds a TP006 warning
/// for each suppression that silenced nothing or is not understood.
pub fn apply(diagnostics: &mut Vec<Diagnostic>, files: &[PathBuf], sources: &Sources) {
    let mut suppressions = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        // A binary or undecodable file holds no comments, whatever its bytes spell.
        if let Some(source) = sources.get(file).filter(|s| s.readable) {
            scan(file, &source.text, &mut suppressions, &mut problems);
        }
    }
    if suppressions.is_empty() && problems.is_empty() {
        return;
    }
    // The suppressions of each line, so that each place a finding names costs one look-up (a
    // repository may hold thousands of findings and thousands of suppressions).
    let mut by_line: HashMap<(&Path, usize), Vec<usize>> = HashMap::new();
    for (i, suppression) in suppressions.iter().enumerate() {
        by_line
            .entry((suppression.file.as_path(), suppression.line))
            .or_default()
            .push(i);
    }
    let mut used: Vec<Vec<bool>> = suppressions.iter().map(|s| s.used.clone()).collect();
    let line_of = |span: &Span| sources.get(&span.file).map(|s| s.line_col(span.start).0);
    // Marks the suppression of `code` at `span`'s line as used; whether there is one.
    let mut silences = |span: &Span, code: &str| {
        let Some(line) = line_of(span) else {
            return false;
        };
        let Some(candidates) = by_line.get(&(span.file.as_path(), line)) else {
            return false;
        };
        for &index in candidates {
            let suppression = &suppressions[index];
            if let Some(i) = suppression.codes.iter().position(|(c, _)| c == code) {
                used[index][i] = true;
                return true;
            }
        }
        false
    };
    diagnostics.retain_mut(|d| {
        if d.span.as_ref().is_some_and(|span| silences(span, d.code)) {
            return false;
        }
        // A finding shared by several objects (a `repo.yaml` default they inherit) is silenced
        // for the objects whose own line suppresses it, and stays for the others.
        let anchors = std::mem::take(&mut d.anchors);
        let (silenced, mut kept): (Vec<Anchor>, Vec<Anchor>) = anchors
            .into_iter()
            .partition(|anchor| silences(&anchor.span, d.code));
        // An object is silenced when any of its places is (its call, or a constant it uses).
        let silenced_objects: HashSet<(&str, &str)> =
            silenced.iter().map(|s| (s.kind, s.name.as_str())).collect();
        kept.retain(|a| !silenced_objects.contains(&(a.kind, a.name.as_str())));
        d.anchors = kept;
        if silenced.is_empty() {
            return true;
        }
        if d.anchors.is_empty() {
            return false;
        }
        d.message = format!(
            "{} (not suppressed for {})",
            d.message,
            describe_anchors(&d.anchors)
        );
        if let Some(prefix) = d.anchors_label {
            d.span_label = Some(format!("{prefix} {}", describe_anchors(&d.anchors)));
        }
        true
    });
    for (suppression, used) in suppressions.iter_mut().zip(used) {
        suppression.used = used;
    }
    for suppression in suppressions {
        for ((code, span), used) in suppression.codes.into_iter().zip(suppression.used) {
            if !used {
                problems.push(
                    Diagnostic::new("TP006", format!("this suppression of {code} silences nothing"))
                        .at(span)
                        .with_help("remove it: no finding of that rule is on this line or on the object it starts"),
                );
            }
        }
    }
    diagnostics.extend(problems);
}
