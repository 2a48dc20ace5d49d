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
            .entry((&*suppression.file, suppression.line))
            .or_default()
            .push(i);
    }
    let mut used: Vec<Vec<bool>> = suppressions.iter().map(|s| s.used.clone()).collect();
    let line_of = |span: &Span| sources.get(&span.file).map(|s| s.line(span.start()));
    // Marks the suppression of `code` at `span`'s line as used; whether there is one.
    let mut silences = |span: &Span, code: &str| {
        let Some(line) = line_of(span) else {
            return false;
        };
        let Some(candidates) = by_line.get(&(&*span.file, line)) else {
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

/// A line of a file: the file and the offset where the line starts.
type LineKey = (PathBuf, usize);

/// What `check --add-noqa` would write: one suppression comment per line that has findings.
#[derive(Default)]
pub struct Noqa {
    /// Insertions (offsets into the text as read): a new comment at a line's end, or codes added
    /// to the list of a suppression already on the line.
    pub edits: Vec<crate::fix::Edit>,
    /// The findings the edits silence.
    pub findings: usize,
    /// Findings whose line cannot take a comment (its end is inside a string or a `\`
    /// continuation, the file does not parse, or the line holds a suppression not understood):
    /// they are left for a person.
    pub skipped: usize,
}

/// The suppressions that silence `diagnostics`, each on the line of its finding: in a Python file
/// or a repo config (`suppressible` says which files honour comments). TP006 findings (about
/// suppressions themselves) are not suppressed.
pub fn noqa(
    diagnostics: &[Diagnostic],
    suppressible: &dyn Fn(&Path) -> bool,
    sources: &Sources,
) -> Noqa {
    use std::collections::{BTreeMap, BTreeSet, HashMap};
    let mut out = Noqa::default();
    // (file, line) -> codes, and the findings they cover.
    let mut lines: BTreeMap<(PathBuf, usize), (BTreeSet<&str>, usize)> = BTreeMap::new();
    let mut comment_ends: HashMap<PathBuf, Option<Vec<usize>>> = HashMap::new();
    // The start of the line of `span` when a comment can be appended to it.
    let mut fitting_line = |span: &Span| -> Option<usize> {
        let source = sources.get(&span.file).filter(|s| s.readable)?;
        if !suppressible(&span.file) {
            return None;
        }
        let text = &*source.text;
        let (start, end) = line_bounds(text, span.start().min(text.len()));
        let fits = if span.file.extension().is_some_and(|e| e == "py") {
            comment_ends
                .entry(span.file.to_path_buf())
                .or_insert_with(|| crate::python::syntax::comment_ends(text))
                .as_ref()
                .is_some_and(|ends| ends.binary_search(&end).is_ok())
        } else {
            // In YAML a value that goes on past its line (a block scalar, a quoted scalar broken
            // over lines) would take the comment inside it.
            span.end() <= end
        };
        let line = &text[start..end];
        // A suppression not understood on the line would hide the new one from the scanner.
        let marker_ok = match line.find('#') {
            Some(hash) if line[hash..].contains(MARKER) => existing_list_end(line).is_some(),
            _ => true,
        };
        (fits && marker_ok).then_some(start)
    };
    for d in diagnostics {
        if d.code == "TP006" {
            continue;
        }
        let Some(span) = &d.span else { continue };
        if sources.get(&span.file).is_none_or(|s| !s.readable) || !suppressible(&span.file) {
            continue;
        }
        if let Some(start) = fitting_line(span) {
            let entry = lines.entry((span.file.to_path_buf(), start)).or_default();
            entry.0.insert(d.code);
            entry.1 += 1;
            continue;
        }
        // The finding's own line cannot take a comment: the line of each object it is about (its
        // decorator or constructor call) silences it for that object, so when every object has
        // such a line, those take the comment.
        let mut objects: Vec<(&str, &str, Option<LineKey>)> = Vec::new();
        for anchor in &d.anchors {
            let at =
                fitting_line(&anchor.span).map(|start| (anchor.span.file.to_path_buf(), start));
            match objects
                .iter_mut()
                .find(|(kind, name, _)| *kind == anchor.kind && *name == anchor.name)
            {
                Some(object) => {
                    if object.2.is_none() {
                        object.2 = at;
                    }
                }
                None => objects.push((anchor.kind, &anchor.name, at)),
            }
        }
        if objects.is_empty() || objects.iter().any(|(_, _, at)| at.is_none()) {
            out.skipped += 1;
            continue;
        }
        for (i, (_, _, at)) in objects.into_iter().enumerate() {
            if let Some(key) = at {
                let entry = lines.entry(key).or_default();
                entry.0.insert(d.code);
                // The finding is counted once, on its first object's line.
                entry.1 += usize::from(i == 0);
            }
        }
    }
    for ((file, start), (codes, findings)) in lines {
        let Some(source) = sources.get(&file) else {
            continue;
        };
        let text = &*source.text;
        let (_, end) = line_bounds(text, start);
        let line = &text[start..end];
        let edit = match existing_list_end(line) {
            Some((close, present)) => {
                let new: Vec<&str> = codes
                    .iter()
                    .copied()
                    .filter(|c| !present.iter().any(|p| p.eq_ignore_ascii_case(c)))
                    .collect();
                if new.is_empty() {
                    // Already there, yet the finding stays: adding it again would change nothing.
                    out.skipped += findings;
                    continue;
                }
                let at = start + close;
                let lead = if line[..close].trim_end().ends_with('[') {
                    ""
                } else {
                    ", "
                };
                crate::fix::Edit::new(&file, at, at, format!("{lead}{}", new.join(", ")))
            }
            None => {
                let list: Vec<&str> = codes.into_iter().collect();
                crate::fix::Edit::new(
                    &file,
                    end,
                    end,
                    format!("  # {MARKER} ignore[{}]", list.join(", ")),
                )
            }
        };
        out.edits.push(edit);
        out.findings += findings;
    }
    out
}

/// The line holding `at`: its start, and the end of its text (before `\r\n` or `\n`).
fn line_bounds(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let newline = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let end = if newline > start && text.as_bytes()[newline - 1] == b'\r' && newline < text.len() {
        newline - 1
    } else {
        newline
    };
    (start, end)
}

/// In a line that holds `# tecton-preflight: ignore[...]`: the offset of its `]` and the codes
/// already listed. `None` when there is no such list.
fn existing_list_end(line: &str) -> Option<(usize, Vec<String>)> {
    let hash = line.find('#')?;
    let at = line[hash..].find(MARKER)? + hash + MARKER.len();
    let rest = line[at..].trim_start();
    let list_start = line.len() - rest.len() + "ignore[".len();
    let list = rest.strip_prefix("ignore[")?;
    let close = list.find(']')?;
    let codes = list[..close]
        .split(',')
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect();
    Some((list_start + close, codes))
}
