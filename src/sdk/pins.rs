//! Finding `tecton` requirements in the text of pin files: requirements files, `pyproject.toml`
//! (PEP 621, PEP 735 dependency groups, Poetry) and `setup.cfg`. Parsing only: no file system
//! access here, includes are returned for the caller to follow.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use pep440_rs::{Version, VersionSpecifiers};
use pep508_rs::{Requirement as Pep508Requirement, VersionOrUrl};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::{Diagnostic, Span};

/// What a `tecton` requirement allows.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Constraint {
    /// PEP 440 specifier sets, any one of which may hold (Poetry's `||`); PEP 508 gives one set.
    /// Empty sets are unpinned.
    AnyOf(Vec<VersionSpecifiers>),
    /// A version known exactly: a wheel or sdist file name.
    Exact(Version),
    /// `tecton` with no version: a bare name, a URL or path, Poetry's `*` or `git = ...`.
    Unpinned,
}

/// One `tecton` requirement and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Requirement {
    pub constraint: Constraint,
    /// The requirement as written, for messages.
    pub text: String,
    pub span: Span,
}

/// What a pin file holds that matters to us, in file order.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Item {
    Requirement(Requirement),
    /// `-r FILE` / `-c FILE` in a requirements file: the path joined to the including file's folder.
    Include {
        path: PathBuf,
        span: Span,
    },
}

#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub items: Vec<Item>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    fn problem(&mut self, span: Span, message: String, label: &str) {
        self.diagnostics.push(
            Diagnostic::new("TP208", message)
                .at(span)
                .with_span_label(label)
                .with_help("fix the pin, or give the SDK version with --sdk-version X.Y"),
        );
    }
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.display().to_string())
}

/// PEP 503 name normalization: lowercase, runs of `-`, `_`, `.` become one `-`.
fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut separator = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            separator = true;
        } else {
            if separator && !out.is_empty() {
                out.push('-');
            }
            separator = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

pub(crate) fn is_tecton(name: &str) -> bool {
    normalize_name(name) == "tecton"
}

/// The version in a `tecton` wheel or sdist file name at the end of a path or URL
/// (`.../tecton-1.2.13-py3-none-any.whl`, `tecton-1.2.13.tar.gz`).
fn archive_version(text: &str) -> Option<Version> {
    let text = text.split(['#', '?']).next()?.trim();
    let base = text.rsplit(['/', '\\']).next()?;
    let (name, version) = if let Some(stem) = base.strip_suffix(".whl") {
        let mut parts = stem.split('-');
        (parts.next()?, parts.next()?)
    } else {
        let stem = base
            .strip_suffix(".tar.gz")
            .or_else(|| base.strip_suffix(".zip"))?;
        stem.rsplit_once('-')?
    };
    if !is_tecton(name) {
        return None;
    }
    Version::from_str(version).ok()
}

/// Reads one PEP 508 requirement string; records it when it is about `tecton`.
fn pep508(file: &Path, text: &str, span: Span, out: &mut Parsed) {
    let name = text.trim_start();
    let name_end = name
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        .unwrap_or(name.len());
    if !is_tecton(&name[..name_end]) {
        if let Some(version) = archive_version(text) {
            out.items.push(Item::Requirement(Requirement {
                constraint: Constraint::Exact(version),
                text: text.to_string(),
                span,
            }));
        }
        return;
    }
    // pep508_rs panics on an extra name that ends in `.`, `-` or `_` (`tecton[pyspark-]`).
    if let Some(extras) = name[name_end..].trim_start().strip_prefix('[') {
        let extras = extras.split(']').next().unwrap_or(extras);
        let valid = |extra: &str| {
            extra.is_empty()
                || (extra.starts_with(|c: char| c.is_ascii_alphanumeric())
                    && extra.ends_with(|c: char| c.is_ascii_alphanumeric())
                    && extra
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
        };
        if let Some(bad) = extras.split(',').map(str::trim).find(|e| !valid(e)) {
            out.problem(
                span,
                format!(
                    "cannot read the `tecton` requirement `{text}` in {}: `{bad}` is not a valid extra name",
                    file_name(file)
                ),
                "not a valid PEP 508 requirement",
            );
            return;
        }
    }
    // pep508_rs 0.9 panics on a name that ends in `.`, `-` or `_` when more text follows.
    if name[..name_end].ends_with(['.', '-', '_']) {
        out.problem(
            span,
            format!(
                "cannot read the `tecton` requirement `{text}` in {}: a package name must end with a letter or digit",
                file_name(file)
            ),
            "not a valid PEP 508 requirement",
        );
        return;
    }
    // A direct reference to a relative path (`tecton @ ./vendor/tecton-1.2.5-py3-none-any.whl`)
    // is not a URL, so PEP 508 rejects it; pip-tools and uv write them, so read the file name.
    let after_name = name[name_end..].trim_start();
    let after_extras = match after_name.strip_prefix('[') {
        Some(rest) => rest
            .split_once(']')
            .map_or("", |(_, rest)| rest.trim_start()),
        None => after_name,
    };
    if let Some(reference) = after_extras.strip_prefix('@') {
        let target = reference.split(';').next().unwrap_or("").trim();
        if !target.contains("://") && !target.is_empty() {
            let constraint =
                archive_version(target).map_or(Constraint::Unpinned, Constraint::Exact);
            out.items.push(Item::Requirement(Requirement {
                constraint,
                text: text.to_string(),
                span,
            }));
            return;
        }
    }
    let dir = file.parent().unwrap_or(Path::new(""));
    match Pep508Requirement::<pep508_rs::VerbatimUrl>::parse(text, dir) {
        Err(e) => out.problem(
            span,
            format!(
                "cannot read the `tecton` requirement `{text}` in {}: {}",
                file_name(file),
                e.message
            ),
            "not a valid PEP 508 requirement",
        ),
        Ok(req) => {
            if !is_tecton(req.name.as_ref()) {
                return;
            }
            let constraint = match req.version_or_url {
                Some(VersionOrUrl::VersionSpecifier(specifiers)) => {
                    Constraint::AnyOf(vec![specifiers])
                }
                Some(VersionOrUrl::Url(url)) => match archive_version(url.to_string().as_str()) {
                    Some(version) => Constraint::Exact(version),
                    None => Constraint::Unpinned,
                },
                None => Constraint::Unpinned,
            };
            out.items.push(Item::Requirement(Requirement {
                constraint,
                text: text.to_string(),
                span,
            }));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// requirements files

/// A logical line of a requirements file (continuations joined) with the file offset of each byte.
struct Logical {
    text: String,
    offsets: Vec<usize>,
}

impl Logical {
    fn push(&mut self, segment: &str, offset: usize) {
        self.text.push_str(segment);
        self.offsets.extend(offset..offset + segment.len());
    }

    /// The file span of the logical bytes `start..end` (non-empty).
    fn span(&self, file: &Path, start: usize, end: usize) -> Span {
        let first = self.offsets.get(start).copied().unwrap_or(0);
        let last = self
            .offsets
            .get(end.saturating_sub(1))
            .map_or(first, |o| o + 1);
        Span::new(file, first, last)
    }
}

/// Physical lines with their start offsets, without the line break (`\n` or `\r\n`).
fn physical_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        (start, line.strip_suffix('\r').unwrap_or(line))
    })
}

/// True when pip treats the line as a comment (`#` at the start, after optional whitespace).
fn is_comment_line(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// Joins `\` continuations as pip does: a comment line never continues.
fn logical_lines(text: &str) -> Vec<Logical> {
    let mut lines = Vec::new();
    let mut pending: Option<Logical> = None;
    for (start, line) in physical_lines(text) {
        let (start, line) = match line.strip_prefix('\u{feff}') {
            Some(rest) if start == 0 => (start + '\u{feff}'.len_utf8(), rest),
            _ => (start, line),
        };
        let current = pending.get_or_insert_with(|| Logical {
            text: String::new(),
            offsets: Vec::new(),
        });
        if line.ends_with('\\') && !is_comment_line(line) {
            current.push(line.trim_end_matches('\\'), start);
        } else {
            current.push(line, start);
            lines.extend(pending.take());
        }
    }
    lines.extend(pending);
    lines
}

/// The byte index where a comment starts: `#` at the start or after whitespace.
fn comment_start(line: &str) -> usize {
    let bytes = line.as_bytes();
    (0..bytes.len())
        .find(|&i| bytes[i] == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()))
        .unwrap_or(line.len())
}

/// Reads a requirements file (pip's format).
pub(crate) fn parse_requirements_txt(file: &Path, text: &str) -> Parsed {
    let mut out = Parsed::default();
    for line in logical_lines(text) {
        let content = &line.text[..comment_start(&line.text)];
        let start = content.len() - content.trim_start().len();
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        if content.starts_with('-') {
            option_line(file, &line, start, content, &mut out);
            continue;
        }
        // Per-requirement options (`--hash=...`) start at the first word beginning with `-`.
        let mut end = content.len();
        let mut previous_space = false;
        for (i, c) in content.char_indices() {
            if c == '-' && previous_space {
                end = i;
                break;
            }
            previous_space = c.is_whitespace();
        }
        let requirement = content[..end].trim_end();
        let span = line.span(file, start, start + requirement.len());
        pep508(file, requirement, span, &mut out);
    }
    out
}

/// An option line: `-r`/`--requirement` and `-c`/`--constraint` are followed, the rest skipped.
fn option_line(file: &Path, line: &Logical, start: usize, content: &str, out: &mut Parsed) {
    let (name, value) = if let Some(long) = content.strip_prefix("--") {
        let cut = long
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(long.len());
        (&content[..cut + 2], long[cut..].trim_start_matches('='))
    } else {
        let cut = content
            .char_indices()
            .nth(2)
            .map_or(content.len(), |(i, _)| i);
        (&content[..cut], &content[cut..])
    };
    if !matches!(name, "-r" | "--requirement" | "-c" | "--constraint") {
        return;
    }
    let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
    if value.is_empty() || value.contains("://") {
        return;
    }
    let dir = file.parent().unwrap_or(Path::new(""));
    out.items.push(Item::Include {
        path: dir.join(value),
        span: line.span(file, start, start + content.len()),
    });
}

// ---------------------------------------------------------------------------------------------
// pyproject.toml

fn get<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
    table.get(key)
}

fn get_table<'a, 'i>(table: &'a DeTable<'i>, key: &str) -> Option<&'a DeTable<'i>> {
    match get(table, key)?.get_ref() {
        DeValue::Table(t) => Some(t),
        _ => None,
    }
}

/// A table's entries in the order they are written (the map itself may be sorted by key).
fn in_file_order<'a, 'i>(table: &'a DeTable<'i>) -> Vec<(&'a str, &'a Spanned<DeValue<'i>>)> {
    let mut entries: Vec<_> = table.iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
        .into_iter()
        .map(|(k, v)| (k.get_ref().as_ref(), v))
        .collect()
}

/// The span of a string value's content, without its quotes when they are where we expect them.
fn string_span(file: &Path, source: &str, value: &Spanned<DeValue>) -> Span {
    let range = value.span();
    let raw = source.get(range.clone()).unwrap_or("");
    let quote = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| raw.len() >= 2 * q.len() && raw.starts_with(q) && raw.ends_with(q))
        .map_or(0, str::len);
    Span::new(file, range.start + quote, range.end - quote)
}

/// Every string of an array of PEP 508 requirements.
fn pep508_array(file: &Path, source: &str, value: Option<&Spanned<DeValue>>, out: &mut Parsed) {
    let Some(DeValue::Array(items)) = value.map(Spanned::get_ref) else {
        return;
    };
    for item in items.iter() {
        if let DeValue::String(text) = item.get_ref() {
            pep508(file, text, string_span(file, source, item), out);
        }
    }
}

/// Reads `pyproject.toml`: `[project]` dependencies and optional dependencies, PEP 735
/// `[dependency-groups]`, then Poetry's dependencies, dev-dependencies and groups.
pub(crate) fn parse_pyproject(file: &Path, text: &str) -> Parsed {
    let mut out = Parsed::default();
    let document = match DeTable::parse(text) {
        Ok(document) => document,
        Err(e) => {
            let range = e.span().unwrap_or(0..0);
            out.problem(
                Span::new(file, range.start, range.end),
                format!(
                    "cannot read the SDK version from {}: invalid TOML: {}",
                    file_name(file),
                    e.message().trim_end()
                ),
                "invalid TOML",
            );
            return out;
        }
    };
    let root = document.get_ref();
    if let Some(project) = get_table(root, "project") {
        pep508_array(file, text, get(project, "dependencies"), &mut out);
        if let Some(optional) = get_table(project, "optional-dependencies") {
            for (_, group) in in_file_order(optional) {
                pep508_array(file, text, Some(group), &mut out);
            }
        }
    }
    if let Some(groups) = get_table(root, "dependency-groups") {
        for (_, group) in in_file_order(groups) {
            pep508_array(file, text, Some(group), &mut out);
        }
    }
    let poetry = get_table(root, "tool").and_then(|tool| get_table(tool, "poetry"));
    if let Some(poetry) = poetry {
        let mut tables: Vec<&DeTable> = ["dependencies", "dev-dependencies"]
            .into_iter()
            .filter_map(|key| get_table(poetry, key))
            .collect();
        if let Some(groups) = get_table(poetry, "group") {
            for (_, group) in in_file_order(groups) {
                if let DeValue::Table(group) = group.get_ref() {
                    tables.extend(get_table(group, "dependencies"));
                }
            }
        }
        for table in tables {
            for (name, value) in in_file_order(table) {
                if is_tecton(name) {
                    poetry_dependency(file, text, value, &mut out);
                }
            }
        }
    }
    out
}

/// A Poetry dependency value: `"^1.2"`, `{version = "^1.2", extras = [...]}`, `{git = ...}`, or
/// a list of those with markers (each is read, in order).
fn poetry_dependency(file: &Path, source: &str, value: &Spanned<DeValue>, out: &mut Parsed) {
    match value.get_ref() {
        DeValue::String(text) => {
            let span = string_span(file, source, value);
            match poetry_constraint(text) {
                Ok(sets) => {
                    let constraint = if sets.iter().all(|s| s.is_empty()) {
                        Constraint::Unpinned
                    } else {
                        Constraint::AnyOf(sets)
                    };
                    out.items.push(Item::Requirement(Requirement {
                        constraint,
                        text: format!("tecton = \"{text}\""),
                        span,
                    }));
                }
                Err(why) => out.problem(
                    span,
                    format!(
                        "cannot read the `tecton` version constraint `{text}` in {}: {why}",
                        file_name(file)
                    ),
                    "not a valid Poetry version constraint",
                ),
            }
        }
        DeValue::Table(table) => match get(table, "version") {
            Some(version) => poetry_dependency(file, source, version, out),
            None => {
                let range = value.span();
                out.items.push(Item::Requirement(Requirement {
                    constraint: Constraint::Unpinned,
                    text: "tecton".to_string(),
                    span: Span::new(file, range.start, range.end),
                }));
            }
        },
        DeValue::Array(items) => {
            for item in items.iter() {
                poetry_dependency(file, source, item, out);
            }
        }
        _ => {}
    }
}

/// Translates a Poetry constraint to PEP 440 specifier sets, one per `||` alternative.
/// `^1.2` is `>=1.2,<2`, `^0.9` is `>=0.9,<0.10`, `~1.2` is `>=1.2,<1.3`, `1.2.*` is `==1.2.*`,
/// a bare `1.2.5` is `==1.2.5`, `*` is no constraint.
pub(crate) fn poetry_constraint(text: &str) -> Result<Vec<VersionSpecifiers>, String> {
    let mut sets = Vec::new();
    for alternative in text.split("||").flat_map(|a| a.split('|')) {
        let mut clauses = Vec::new();
        for piece in alternative.split(',') {
            // Poetry also accepts space-separated clauses: `>= 1.2 < 1.5`.
            let mut pending_operator = String::new();
            for word in piece.split_whitespace() {
                if word.chars().all(|c| "^~=<>!".contains(c)) {
                    pending_operator.push_str(word);
                    continue;
                }
                let atom = std::mem::take(&mut pending_operator) + word;
                clauses.extend(poetry_atom(&atom)?);
            }
            if !pending_operator.is_empty() {
                return Err(format!("`{pending_operator}` without a version"));
            }
        }
        let joined = clauses.join(",");
        let set = VersionSpecifiers::from_str(&joined).map_err(|e| e.to_string())?;
        sets.push(set);
    }
    if sets.is_empty() {
        sets.push(VersionSpecifiers::empty());
    }
    Ok(sets)
}

/// One Poetry clause as PEP 440 clauses (a caret or tilde becomes two).
fn poetry_atom(atom: &str) -> Result<Vec<String>, String> {
    if atom == "*" {
        return Ok(Vec::new());
    }
    let operator_end = atom
        .find(|c: char| !"^~=<>!".contains(c))
        .unwrap_or(atom.len());
    let (operator, version) = atom.split_at(operator_end);
    if version.is_empty() {
        return Err(format!("`{atom}` has no version"));
    }
    let bound = |bump_index: usize| -> Result<Vec<String>, String> {
        let parsed = Version::from_str(version).map_err(|e| e.to_string())?;
        let release = parsed.release();
        let mut upper: Vec<u64> = release[..bump_index.min(release.len() - 1)].to_vec();
        let bumped = release
            .get(bump_index.min(release.len() - 1))
            .copied()
            .unwrap_or(0)
            .checked_add(1)
            .ok_or("version number too large")?;
        upper.push(bumped);
        let upper: Vec<String> = upper.iter().map(u64::to_string).collect();
        Ok(vec![
            format!(">={version}"),
            format!("<{}", upper.join(".")),
        ])
    };
    match operator {
        "^" => {
            let parsed = Version::from_str(version).map_err(|e| e.to_string())?;
            let release = parsed.release();
            let first_nonzero = release
                .iter()
                .position(|&n| n != 0)
                .unwrap_or(release.len() - 1);
            bound(first_nonzero)
        }
        "~" => {
            let parsed = Version::from_str(version).map_err(|e| e.to_string())?;
            bound(if parsed.release().len() == 1 { 0 } else { 1 })
        }
        "" | "=" => Ok(vec![format!("=={version}")]),
        "==" | "!=" | ">=" | "<=" | ">" | "<" | "~=" | "===" => {
            Ok(vec![format!("{operator}{version}")])
        }
        _ => Err(format!("unknown operator `{operator}`")),
    }
}

// ---------------------------------------------------------------------------------------------
// setup.cfg

/// Reads `setup.cfg`: `[options] install_requires` and every key of `[options.extras_require]`.
pub(crate) fn parse_setup_cfg(file: &Path, text: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut section = String::new();
    let mut in_requirements = false;
    for (start, line) in physical_lines(text) {
        let trimmed = line.trim();
        let indented = line.starts_with(char::is_whitespace);
        if !indented && trimmed.starts_with('[') && trimmed.ends_with(']') {
            section = trimmed[1..trimmed.len() - 1].trim().to_string();
            in_requirements = false;
            continue;
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        let (value, value_start) = if indented {
            if !in_requirements {
                continue;
            }
            (line, start)
        } else {
            let Some(cut) = line.find(['=', ':']) else {
                in_requirements = false;
                continue;
            };
            let key = line[..cut].trim().to_ascii_lowercase();
            in_requirements = (section == "options" && key == "install_requires")
                || section == "options.extras_require";
            if !in_requirements {
                continue;
            }
            (&line[cut + 1..], start + cut + 1)
        };
        let value = &value[..comment_start(value)];
        let lead = value.len() - value.trim_start().len();
        let requirement = value.trim();
        if requirement.is_empty() {
            continue;
        }
        let begin = value_start + lead;
        let span = Span::new(file, begin, begin + requirement.len());
        pep508(file, requirement, span, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "/repo/requirements.txt";

    fn specs(text: &str) -> VersionSpecifiers {
        VersionSpecifiers::from_str(text).unwrap()
    }

    /// The requirements found, as (constraint, the text the span covers).
    fn found(parsed: &Parsed, source: &str) -> Vec<(Constraint, String)> {
        parsed
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Requirement(r) => Some((
                    r.constraint.clone(),
                    source[r.span.start()..r.span.end()].to_string(),
                )),
                Item::Include { .. } => None,
            })
            .collect()
    }

    fn includes(parsed: &Parsed) -> Vec<PathBuf> {
        parsed
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Include { path, .. } => Some(path.clone()),
                Item::Requirement(_) => None,
            })
            .collect()
    }

    fn any_of(text: &str) -> Constraint {
        Constraint::AnyOf(vec![specs(text)])
    }

    #[test]
    fn requirement_names_are_normalized_and_others_skipped() {
        let text = "pandas>=2\nTecton==1.2.5\ntecton-runtime==1.0.0\ntecton_client==1\ntecton.core\n\
                    tecton[pyspark]~=1.2.0\n  tecton[rift] >= 1.1 ; python_version >= \"3.9\"  # why\n";
        let parsed = parse_requirements_txt(Path::new(FILE), text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(
            found(&parsed, text),
            vec![
                (any_of("==1.2.5"), "Tecton==1.2.5".to_string()),
                (any_of("~=1.2.0"), "tecton[pyspark]~=1.2.0".to_string()),
                (
                    any_of(">=1.1"),
                    "tecton[rift] >= 1.1 ; python_version >= \"3.9\"".to_string()
                ),
            ]
        );
    }

    #[test]
    fn invalid_extra_names_are_reported_not_parsed() {
        for line in [
            "tecton[pyspark-]~=1.2.0",
            "tecton[a.]==1.2.0",
            "tecton[x-, rift]==1.2.0",
        ] {
            let parsed = parse_requirements_txt(Path::new(FILE), line);
            assert_eq!(parsed.diagnostics.len(), 1, "{line}");
            assert!(parsed.diagnostics[0]
                .message
                .contains("not a valid extra name"));
            assert!(found(&parsed, line).is_empty());
        }
    }

    #[test]
    fn requirements_comments_options_and_hashes() {
        let text = "# tecton==0.1.0\n-e .\n--index-url https://example.com/simple\n\
                    -i https://x\n--extra-index-url=https://y\n\n\
                    tecton==1.1.3 --hash=sha256:abc --hash=sha256:def\n";
        let parsed = parse_requirements_txt(Path::new(FILE), text);
        assert!(parsed.diagnostics.is_empty());
        assert_eq!(
            found(&parsed, text),
            vec![(any_of("==1.1.3"), "tecton==1.1.3".to_string())]
        );
        assert!(includes(&parsed).is_empty());
    }

    #[test]
    fn requirements_continuations_keep_file_offsets() {
        let text = "pandas \\\n  >=2\ntecton\\\n  ==1.2.5 \\\n  ; python_version > '3'\n# x \\\ntecton==0.9.1\n";
        let parsed = parse_requirements_txt(Path::new(FILE), text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let got = found(&parsed, text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, any_of("==1.2.5"));
        // The span runs from the name on the first line to the marker's end on the third.
        assert_eq!(got[0].1, "tecton\\\n  ==1.2.5 \\\n  ; python_version > '3'");
        // A comment line ending in a backslash does not swallow the next line.
        assert_eq!(got[1], (any_of("==0.9.1"), "tecton==0.9.1".to_string()));
    }

    #[test]
    fn requirements_crlf_and_bom() {
        let text = "\u{feff}tecton==1.0.4\r\n-r other.txt\r\n";
        let parsed = parse_requirements_txt(Path::new(FILE), text);
        assert_eq!(
            found(&parsed, text),
            vec![(any_of("==1.0.4"), "tecton==1.0.4".to_string())]
        );
        assert_eq!(includes(&parsed), vec![PathBuf::from("/repo/other.txt")]);
    }

    #[test]
    fn requirements_includes() {
        let text = "-r base.txt\n--requirement dev/extra.txt\n--requirement=x.txt\n-ry.txt\n\
                    -c constraints.txt\n--constraint ../c.txt\n-r /abs/z.txt\n\
                    -r https://example.com/r.txt\n-r\n";
        let parsed = parse_requirements_txt(Path::new(FILE), text);
        assert_eq!(
            includes(&parsed),
            [
                "base.txt",
                "dev/extra.txt",
                "x.txt",
                "y.txt",
                "constraints.txt",
                "../c.txt"
            ]
            .iter()
            .map(|p| Path::new("/repo").join(p))
            .chain([PathBuf::from("/abs/z.txt")])
            .collect::<Vec<_>>()
        );
        let Item::Include { span, .. } = &parsed.items[1] else {
            panic!()
        };
        assert_eq!(
            &text[span.start()..span.end()],
            "--requirement dev/extra.txt"
        );
    }

    #[test]
    fn requirements_unpinned_urls_and_archives() {
        let text = "tecton\ntecton[rift]\ntecton @ https://h/tecton-1.2.7-py3-none-any.whl\n\
                    ./dist/tecton-1.1.2.tar.gz\nhttps://h/p/tecton_runtime-1.0.0-py3-none-any.whl\n\
                    tecton @ git+https://github.com/x/tecton.git\n";
        let parsed = parse_requirements_txt(Path::new(FILE), text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let v = |s: &str| Constraint::Exact(Version::from_str(s).unwrap());
        let got: Vec<Constraint> = found(&parsed, text).into_iter().map(|f| f.0).collect();
        assert_eq!(
            got,
            vec![
                Constraint::Unpinned,
                Constraint::Unpinned,
                v("1.2.7"),
                v("1.1.2"),
                Constraint::Unpinned,
            ]
        );
    }

    #[test]
    fn bad_requirement_lines_mentioning_tecton_warn_at_the_line() {
        let text = "pandas==\ntecton==\nok==1\nTecton >> 1.2\n";
        let parsed = parse_requirements_txt(Path::new(FILE), text);
        assert!(parsed.items.is_empty());
        let spans: Vec<&str> = parsed
            .diagnostics
            .iter()
            .map(|d| {
                assert_eq!(d.code, "TP208");
                let span = d.span.as_ref().unwrap();
                assert_eq!(&*span.file, Path::new(FILE));
                &text[span.start()..span.end()]
            })
            .collect();
        assert_eq!(spans, vec!["tecton==", "Tecton >> 1.2"]);
        assert!(parsed.diagnostics[0].message.contains("requirements.txt"));
    }

    #[test]
    fn pyproject_pep621_in_file_order() {
        let text = r#"
[project]
name = "features"
dependencies = ["pandas", "tecton[pyspark]~=1.2.0"]

[project.optional-dependencies]
zeta = ["tecton==1.1.0"]
alpha = ['tecton==1.0.0']

[dependency-groups]
dev = ["tecton>=0.9", {include-group = "zeta"}]
"#;
        let parsed = parse_pyproject(Path::new("/repo/pyproject.toml"), text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(
            found(&parsed, text),
            vec![
                (any_of("~=1.2.0"), "tecton[pyspark]~=1.2.0".to_string()),
                (any_of("==1.1.0"), "tecton==1.1.0".to_string()),
                (any_of("==1.0.0"), "tecton==1.0.0".to_string()),
                (any_of(">=0.9"), "tecton>=0.9".to_string()),
            ]
        );
    }

    #[test]
    fn pyproject_poetry_forms() {
        let text = r#"
[tool.poetry.dependencies]
python = "^3.9"
Tecton = {version = "^1.1", extras = ["rift"]}

[tool.poetry.dev-dependencies]
tecton = "~1.2"

[tool.poetry.group.ci.dependencies]
tecton = [
  {version = "1.2.*", python = "<3.10"},
  {git = "https://github.com/x/y.git"},
]
[tool.poetry.group.test.dependencies]
tecton = "*"
"#;
        let parsed = parse_pyproject(Path::new("/repo/pyproject.toml"), text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let got = found(&parsed, text);
        assert_eq!(
            got.iter().map(|g| g.0.clone()).collect::<Vec<_>>(),
            vec![
                any_of(">=1.1,<2"),
                any_of(">=1.2,<1.3"),
                any_of("==1.2.*"),
                Constraint::Unpinned,
                Constraint::Unpinned,
            ]
        );
        assert_eq!(got[0].1, "^1.1");
        assert_eq!(got[3].1, "{git = \"https://github.com/x/y.git\"}");
    }

    #[test]
    fn pyproject_errors() {
        let file = Path::new("/repo/pyproject.toml");
        let text = "[project]\ndependencies = [\"tecton==\"]\n";
        let parsed = parse_pyproject(file, text);
        let span = parsed.diagnostics[0].span.clone().unwrap();
        assert_eq!(&text[span.start()..span.end()], "tecton==");

        let text = "[project\nname = 1\n";
        let parsed = parse_pyproject(file, text);
        assert_eq!(parsed.diagnostics.len(), 1);
        let d = &parsed.diagnostics[0];
        assert_eq!(d.code, "TP208");
        assert!(d.message.contains("invalid TOML"), "{}", d.message);
        let span = d.span.clone().unwrap();
        assert!(span.start() <= text.len() && span.end() <= text.len());
        assert!(span.start() < "[project\n".len(), "{span:?}");

        let text = "[tool.poetry.dependencies]\ntecton = \"^^1\"\n";
        let parsed = parse_pyproject(file, text);
        let span = parsed.diagnostics[0].span.clone().unwrap();
        assert_eq!(&text[span.start()..span.end()], "^^1");

        // Shapes we do not expect are passed over, not errors.
        let text = "project = 3\n[tool]\npoetry = \"x\"\n[dependency-groups]\na = 1\n";
        let parsed = parse_pyproject(file, text);
        assert!(parsed.items.is_empty() && parsed.diagnostics.is_empty());
    }

    #[test]
    fn poetry_constraints() {
        let one = |c: &str| {
            let sets = poetry_constraint(c).unwrap();
            assert_eq!(sets.len(), 1, "{c}");
            sets[0].to_string()
        };
        let pep = |s: &str| specs(s).to_string();
        assert_eq!(one("^1.2"), pep(">=1.2, <2"));
        assert_eq!(one("^1.2.3"), pep(">=1.2.3, <2"));
        assert_eq!(one("^0.9"), pep(">=0.9, <0.10"));
        assert_eq!(one("^0.9.4"), pep(">=0.9.4, <0.10"));
        assert_eq!(one("^0.0.3"), pep(">=0.0.3, <0.0.4"));
        assert_eq!(one("^0.0"), pep(">=0.0, <0.1"));
        assert_eq!(one("^0"), pep(">=0, <1"));
        assert_eq!(one("^1.2.0b1"), pep(">=1.2.0b1, <2"));
        assert_eq!(one("~1.2"), pep(">=1.2, <1.3"));
        assert_eq!(one("~1.2.3"), pep(">=1.2.3, <1.3"));
        assert_eq!(one("~1"), pep(">=1, <2"));
        assert_eq!(one("~=1.2"), pep("~=1.2"));
        assert_eq!(one("1.2.*"), pep("==1.2.*"));
        assert_eq!(one("1.2.5"), pep("==1.2.5"));
        assert_eq!(one("=1.2.5"), pep("==1.2.5"));
        assert_eq!(one("==1.2.5"), pep("==1.2.5"));
        assert_eq!(one(">=1.1,<1.3"), pep(">=1.1, <1.3"));
        assert_eq!(one(">= 1.1 < 1.3"), pep(">=1.1, <1.3"));
        assert_eq!(one("!=1.2.0"), pep("!=1.2.0"));
        assert_eq!(one("*"), "");
        assert_eq!(one(""), "");
        let sets = poetry_constraint("^0.9 || ^1.0").unwrap();
        assert_eq!(sets.len(), 2);
        assert_eq!(sets[1].to_string(), pep(">=1.0, <2"));
        for bad in [
            "^^1",
            ">=",
            "^x",
            "1.2.3.*.4",
            "~",
            ">= 1 <",
            "^99999999999999999999999",
        ] {
            assert!(poetry_constraint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn setup_cfg_install_requires_and_extras() {
        let text = "[metadata]\nname = x\ninstall_requires = tecton==0.1.0\n\n[options]\n\
                    packages = find:\ninstall_requires =\n    pandas\n    # tecton==0.2.0\n\n\
                    \x20   tecton[rift]~=1.1.0  # pinned\npython_requires = >=3.9\n\
                    [options.extras_require]\ndev = tecton==1.2.0\nci =\n  tecton >= 1.0\n\
                    [other]\n  tecton==0.3.0\n";
        let file = Path::new("/repo/setup.cfg");
        let parsed = parse_setup_cfg(file, text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(
            found(&parsed, text),
            vec![
                (any_of("~=1.1.0"), "tecton[rift]~=1.1.0".to_string()),
                (any_of("==1.2.0"), "tecton==1.2.0".to_string()),
                (any_of(">=1.0"), "tecton >= 1.0".to_string()),
            ]
        );
        let text = "[options]\ninstall_requires = tecton=1\n";
        let parsed = parse_setup_cfg(file, text);
        let span = parsed.diagnostics[0].span.clone().unwrap();
        assert_eq!(&text[span.start()..span.end()], "tecton=1");
    }

    #[test]
    fn direct_references() {
        let text = "tecton @ file:///w/tecton-1.2.5-py3-none-any.whl\n\
                    tecton @ ./vendor/tecton-1.1.1-py3-none-any.whl\n\
                    tecton @ ./vendor/tecton\n\
                    tecton[rift] @ https://h/x.whl ; python_version > '3.8'\n";
        let parsed = parse_requirements_txt(Path::new(FILE), text);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let got: Vec<Constraint> = found(&parsed, text).into_iter().map(|f| f.0).collect();
        let v = |s: &str| Constraint::Exact(Version::from_str(s).unwrap());
        assert_eq!(
            got,
            vec![
                v("1.2.5"),
                v("1.1.1"),
                Constraint::Unpinned,
                Constraint::Unpinned
            ]
        );
        let text = "[project]\ndependencies = [\"  tecton==1.0.1\"]\n";
        let parsed = parse_pyproject(Path::new("/repo/pyproject.toml"), text);
        assert_eq!(found(&parsed, text)[0].0, any_of("==1.0.1"));
    }

    #[test]
    fn names_and_archives() {
        assert!(is_tecton("Tecton") && is_tecton("TECTON") && is_tecton("tecton"));
        assert!(!is_tecton("tecton-runtime") && !is_tecton("tecton_core") && !is_tecton(""));
        assert_eq!(normalize_name("Tecton__Runtime.x"), "tecton-runtime-x");
        let v = |s: &str| archive_version(s).map(|v| v.to_string());
        assert_eq!(
            v("tecton-1.2.13-py3-none-any.whl").as_deref(),
            Some("1.2.13")
        );
        assert_eq!(
            v("C:\\w\\tecton-1.3.0b4-py3-none-any.whl").as_deref(),
            Some("1.3.0b4")
        );
        assert_eq!(
            v("https://h/tecton-0.9.0.tar.gz#sha256=x").as_deref(),
            Some("0.9.0")
        );
        assert_eq!(v("tecton-runtime-1.0.0.tar.gz"), None);
        assert_eq!(v("tecton-x-py3-none-any.whl"), None);
        assert_eq!(v("tecton.whl"), None);
        assert_eq!(v(""), None);
    }

    /// Random texts built from the pieces these formats are made of.
    #[test]
    fn random_texts_never_panic() {
        const PIECES: &[&str] = &[
            "tecton",
            "Tecton",
            "==",
            "~=",
            ">=",
            "<",
            "!=",
            "^",
            "~",
            "*",
            "|",
            "||",
            ",",
            ";",
            "[",
            "]",
            "[rift]",
            "{",
            "}",
            "=",
            "\"",
            "'",
            "\\",
            "\n",
            "\r\n",
            " ",
            "  ",
            "#",
            "-r ",
            "-c",
            "--requirement=",
            "-e ",
            "@",
            "1",
            "0",
            "2",
            ".",
            "b4",
            "rc0",
            ".post1",
            ".dev",
            "+l",
            "é",
            "\u{feff}",
            "[project]",
            "dependencies",
            "[options]",
            "install_requires",
            "[tool.poetry.dependencies]",
            "version",
            "://",
            "/",
            ".whl",
            "-py3-none-any.whl",
            ".tar.gz",
            "python_version",
            "\t",
            "\u{0}",
            "99999999999999999999999",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..4000 {
            let len = (next() % 24) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            for file in ["/r/requirements.txt", "/r/pyproject.toml", "/r/setup.cfg"] {
                let file = Path::new(file);
                for parsed in [
                    parse_requirements_txt(file, &text),
                    parse_pyproject(file, &text),
                    parse_setup_cfg(file, &text),
                ] {
                    for d in &parsed.diagnostics {
                        let span = d.span.as_ref().unwrap();
                        assert!(
                            span.start() <= span.end() && span.end() <= text.len().max(1),
                            "{text:?}"
                        );
                    }
                    for item in &parsed.items {
                        let span = match item {
                            Item::Requirement(r) => &r.span,
                            Item::Include { span, .. } => span,
                        };
                        assert!(
                            text.get(span.start()..span.end()).is_some(),
                            "{text:?} {span:?}"
                        );
                    }
                }
            }
            let _ = poetry_constraint(&text);
            let _ = crate::sdk::classify_runtime(&text);
            let _ = crate::sdk::parse_version_arg(&text);
        }
    }

    #[test]
    fn garbage_never_panics() {
        let inputs = [
            "",
            "\\",
            "\\\n\\",
            "-",
            "--",
            "-r",
            "--=",
            "tecton[",
            "tecton @",
            "\u{feff}",
            "\r\n\r",
            "é\\\né",
            "[",
            "]",
            "[]\n=",
            "tecton==1.2.3 -",
            " -r x",
            "#\\\n-c",
            "=\n  x",
            "\u{0}",
            "[project]\ndependencies = [\"é\u{301}tecton\"]",
            "tecton ; python_version",
        ];
        for text in inputs {
            for file in ["/r/requirements.txt", "/r/pyproject.toml", "/r/setup.cfg"] {
                let file = Path::new(file);
                for parsed in [
                    parse_requirements_txt(file, text),
                    parse_pyproject(file, text),
                    parse_setup_cfg(file, text),
                ] {
                    for d in &parsed.diagnostics {
                        let span = d.span.as_ref().unwrap();
                        assert!(span.start() <= span.end() && span.end() <= text.len().max(1));
                    }
                }
            }
        }
    }
}
