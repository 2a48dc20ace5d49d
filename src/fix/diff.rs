//! Showing edits as a unified diff (git's form: `--- a/path`, `+++ b/path`, `@@ -l,n +l,n @@`
//! hunks with three lines of context). The diff is computed from the edits themselves: only the
//! lines an edit touches are compared, so a one-value fix in a large file costs nothing.

use std::path::Path;

use super::{render, Changeset, Edit};

/// Lines of context around each change, as `diff -u` and git.
const CONTEXT: usize = 3;

/// The diff of every file of `changeset`; paths are shown relative to `base` (`a/repo.yaml`) when
/// under it, else in full. Empty when there is nothing to change.
pub fn unified_diff(changeset: &Changeset, base: &Path) -> String {
    let mut out = String::new();
    for file in changeset.files() {
        let (old, new) = match file.path.strip_prefix(base) {
            Ok(relative) if !relative.as_os_str().is_empty() => (
                format!("a/{}", relative.display()),
                format!("b/{}", relative.display()),
            ),
            _ => (
                file.path.display().to_string(),
                file.path.display().to_string(),
            ),
        };
        let old = if file.created {
            "/dev/null".to_string()
        } else {
            old
        };
        out.push_str(&format!("--- {old}\n+++ {new}\n"));
        out.push_str(&hunks(&file.original, file.edits(), CONTEXT));
    }
    out
}

/// The hunks that `edits` make in `original` (no file header), with `context` lines around each
/// change: what the `full` output shows under a fixable finding.
pub fn fix_diff(original: &[u8], edits: &[Edit], context: usize) -> String {
    let mut sorted: Vec<Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.start, e.end));
    sorted.dedup();
    let valid = sorted.iter().all(|e| e.end <= original.len())
        && sorted.windows(2).all(|w| !w[0].conflicts_with(&w[1]));
    if !valid {
        return String::new();
    }
    hunks(original, &sorted, context)
}

/// A file's lines, each with its line ending (the last one may have none).
fn split_lines(bytes: &[u8]) -> Vec<&[u8]> {
    bytes.split_inclusive(|&b| b == b'\n').collect()
}

/// One changed run: at old line `old` (0-based), `deleted` lines removed and `inserted` put there.
struct Change<'a> {
    old: usize,
    deleted: Vec<&'a [u8]>,
    inserted: Vec<Vec<u8>>,
}

fn hunks(original: &[u8], edits: &[Edit], context: usize) -> String {
    let lines = split_lines(original);
    let mut starts = Vec::with_capacity(lines.len() + 1);
    let mut at = 0;
    for line in &lines {
        starts.push(at);
        at += line.len();
    }
    starts.push(at);
    // The line an offset is in; the end of a file that ends with a line break starts a line of its
    // own (past the last), the end of one that does not is in its last line.
    let line_of = |offset: usize| {
        let k = starts[..lines.len()].partition_point(|&s| s <= offset);
        if offset >= original.len() && original.ends_with(b"\n") {
            lines.len()
        } else {
            k.saturating_sub(1)
        }
    };

    // Group the edits into blocks of whole lines they touch; blocks sharing a line merge.
    let mut blocks: Vec<(usize, usize, Vec<&Edit>)> = Vec::new();
    for edit in edits {
        let first = line_of(edit.start).min(lines.len());
        let last = if edit.end > edit.start {
            line_of(edit.end - 1)
        } else {
            first
        };
        let end = (last + 1).min(lines.len()).max(first);
        match blocks.last_mut() {
            Some(block) if first < block.1 || (first == block.0 && block.0 == block.1) => {
                block.1 = block.1.max(end);
                block.2.push(edit);
            }
            _ => blocks.push((first, end, vec![edit])),
        }
    }

    let mut changes = Vec::new();
    for (first, end, block_edits) in blocks {
        let from = starts[first];
        let to = starts[end];
        let shifted: Vec<Edit> = block_edits
            .iter()
            .map(|e| Edit {
                start: e.start - from,
                end: e.end - from,
                ..(*e).clone()
            })
            .collect();
        let new_text = render(&original[from..to.max(from)], &shifted);
        let new_lines: Vec<Vec<u8>> = split_lines(&new_text)
            .into_iter()
            .map(<[u8]>::to_vec)
            .collect();
        changes.extend(line_changes(first, &lines[first..end], &new_lines));
    }

    let mut out = String::new();
    let mut i = 0;
    while i < changes.len() {
        // A hunk takes the following changes whose gap is at most twice the context.
        let mut j = i;
        while j + 1 < changes.len()
            && changes[j + 1]
                .old
                .saturating_sub(changes[j].old + changes[j].deleted.len())
                <= 2 * context
        {
            j += 1;
        }
        let hunk_start = changes[i].old.saturating_sub(context);
        let last = &changes[j];
        let hunk_end = (last.old + last.deleted.len() + context).min(lines.len());
        let delta: isize = changes[..i]
            .iter()
            .map(|c| c.inserted.len() as isize - c.deleted.len() as isize)
            .sum();
        let mut body = String::new();
        let (mut old_count, mut new_count) = (0, 0);
        let mut at = hunk_start;
        for change in &changes[i..=j] {
            for line in &lines[at..change.old] {
                push_line(&mut body, ' ', line);
            }
            old_count += change.old - at;
            new_count += change.old - at;
            for line in &change.deleted {
                push_line(&mut body, '-', line);
            }
            for line in &change.inserted {
                push_line(&mut body, '+', line);
            }
            old_count += change.deleted.len();
            new_count += change.inserted.len();
            at = change.old + change.deleted.len();
        }
        for line in &lines[at..hunk_end] {
            push_line(&mut body, ' ', line);
        }
        old_count += hunk_end - at;
        new_count += hunk_end - at;
        let new_start = (hunk_start as isize + delta).max(0) as usize;
        out.push_str(&format!(
            "@@ -{} +{} @@\n",
            range(hunk_start, old_count),
            range(new_start, new_count)
        ));
        out.push_str(&body);
        i = j + 1;
    }
    out
}

/// `start,count` as diff writes it: 1-based, `,1` left out, and an empty range named by the line
/// before it.
fn range(start: usize, count: usize) -> String {
    match count {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        n => format!("{},{n}", start + 1),
    }
}

fn push_line(out: &mut String, mark: char, line: &[u8]) {
    out.push(mark);
    out.push_str(&String::from_utf8_lossy(line));
    if !line.ends_with(b"\n") {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

/// The changed runs between the old lines of a block (starting at old line `first`) and its new
/// lines, through a longest common subsequence of the lines; a block too large for that is shown
/// as all removed, then all added.
fn line_changes<'a>(first: usize, old: &[&'a [u8]], new: &[Vec<u8>]) -> Vec<Change<'a>> {
    let (n, m) = (old.len(), new.len());
    if n.saturating_mul(m) > 4_000_000 {
        return vec![Change {
            old: first,
            deleted: old.to_vec(),
            inserted: new.to_vec(),
        }];
    }
    // lcs[i][j]: the longest common subsequence of old[i..] and new[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i] == new[j].as_slice() {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut changes: Vec<Change<'a>> = Vec::new();
    let (mut i, mut j) = (0, 0);
    let mut open: Option<Change<'a>> = None;
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j].as_slice() {
            changes.extend(open.take());
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            open.get_or_insert_with(|| Change {
                old: first + i,
                deleted: Vec::new(),
                inserted: Vec::new(),
            })
            .inserted
            .push(new[j].clone());
            j += 1;
        } else {
            open.get_or_insert_with(|| Change {
                old: first + i,
                deleted: Vec::new(),
                inserted: Vec::new(),
            })
            .deleted
            .push(old[i]);
            i += 1;
        }
    }
    changes.extend(open);
    changes
}
