//! Small text edits the migration rules share: a string value replaced inside its quotes, a name
//! renamed where it is written, and the version numbers of a pin moved to another minor. Each keeps
//! every byte around it.

use crate::diagnostic::Span;
use crate::fix::Edit;
use crate::sdk::{self, Minor};

/// An edit that sets the string written at `span` (a Python literal `"1.2.0"` / `'1.2.0'`, or a
/// YAML scalar, plain or quoted) to `new`, keeping its quotes. `Err` when the text there is not a
/// plain literal of `old` (an f-string, a concatenation, an escape): then a person must edit it.
pub fn set_string(span: &Span, text: &str, old: &str, new: &str) -> Result<Edit, String> {
    let written = text
        .get(span.start()..span.end())
        .ok_or_else(|| "the value's place is outside the file".to_string())?;
    let bytes = written.as_bytes();
    let quoted = bytes.len() >= 2
        && matches!(bytes[0], b'"' | b'\'')
        && bytes[bytes.len() - 1] == bytes[0]
        && !written.starts_with("\"\"\"")
        && !written.starts_with("'''");
    if quoted {
        let inner = &written[1..written.len() - 1];
        if inner == old && !inner.contains('\\') {
            return Ok(Edit::new(&span.file, span.start() + 1, span.end() - 1, new));
        }
    } else if written == old || written.parse::<f64>().is_ok() && !written.is_empty() {
        // A plain YAML scalar (a runtime written as a number too): `X.Y.Z` is a string in YAML 1.1.
        return Ok(Edit::new(&span.file, span.start(), span.end(), new));
    }
    Err(format!("`{written}` is not a plain string literal"))
}

/// The minor of a Tecton environment name (`tecton-rift-core-0.9.0` -> 0.9, `tecton-core-1.1.0`
/// -> 1.1); `None` for a custom environment.
pub fn environment_minor(name: &str) -> Option<Minor> {
    let version = name
        .strip_prefix("tecton-rift-core-")
        .or_else(|| name.strip_prefix("tecton-core-"))?;
    let mut parts = version.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some(Minor { major, minor })
}

/// `requirement` (`tecton[pyspark]~=0.9.0`, `tecton>=0.9,<1.0`, `^0.9`) with its version numbers
/// moved from minor `from` to minor `to`: `0.9` -> `1.0`, `0.9.0` -> `1.0.0`, an exact `0.9.25` ->
/// the newest final patch of `to`, and an upper bound at the minor after `from` -> the minor after
/// `to`. Numbers inside a name (`pyspark3.1`) are left alone.
pub fn move_pin(requirement: &str, from: Minor, to: Minor) -> String {
    let releases = sdk::releases();
    let from_next = releases.next_minor(from);
    let to_next = releases.next_minor(to);
    let newest = releases.newest_final(to);
    let mut out = String::with_capacity(requirement.len() + 4);
    let bytes = requirement.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit()
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric()
                    || bytes[i - 1] == b'.'
                    || bytes[i - 1] == b'_'));
        if !starts_number {
            let c = requirement[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let end = (i..bytes.len())
            .find(|&j| !(bytes[j].is_ascii_digit() || bytes[j] == b'.'))
            .unwrap_or(bytes.len());
        let token = requirement[i..end].trim_end_matches('.');
        let end = i + token.len();
        let parts: Vec<u64> = token.split('.').filter_map(|p| p.parse().ok()).collect();
        let replaced = match parts.as_slice() {
            [major, minor, rest @ ..] if parts.len() == token.split('.').count() => {
                let m = Minor {
                    major: *major,
                    minor: *minor,
                };
                let target = if m == from {
                    Some(to)
                } else if m == from_next {
                    Some(to_next)
                } else {
                    None
                };
                match (target, rest) {
                    (Some(t), []) => Some(t.to_string()),
                    (Some(t), [0]) => Some(format!("{t}.0")),
                    (Some(t), [_]) if t == to => newest.clone(),
                    (Some(t), [_]) => Some(format!("{t}.0")),
                    _ => None,
                }
            }
            _ => None,
        };
        out.push_str(replaced.as_deref().unwrap_or(token));
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(major: u64, minor: u64) -> Minor {
        Minor { major, minor }
    }

    #[test]
    fn pins_move_to_the_next_minor() {
        assert_eq!(move_pin("tecton~=0.9.0", m(0, 9), m(1, 0)), "tecton~=1.0.0");
        assert_eq!(
            move_pin("tecton[pyspark3.1]>=0.9,<1.0", m(0, 9), m(1, 0)),
            "tecton[pyspark3.1]>=1.0,<1.1"
        );
        assert_eq!(
            move_pin("tecton==1.1.20", m(1, 1), m(1, 2)),
            "tecton==1.2.13"
        );
        assert_eq!(move_pin("^1.1", m(1, 1), m(1, 2)), "^1.2");
        assert_eq!(move_pin("tecton==1.1.*", m(1, 1), m(1, 2)), "tecton==1.2.*");
    }

    #[test]
    fn string_values_keep_their_quotes() {
        let text = "x = '1.1.5'\ny = f\"{a}\"\n";
        let span = Span::new("m.py", 4, 11);
        let edit = set_string(&span, text, "1.1.5", "1.2.13").expect("a literal");
        assert_eq!(
            (edit.start, edit.end, edit.replacement.as_str()),
            (5, 10, "1.2.13")
        );
        assert!(set_string(&Span::new("m.py", 16, 23), text, "x", "y").is_err());
    }

    #[test]
    fn environments_name_their_minor() {
        assert_eq!(environment_minor("tecton-rift-core-0.9.5"), Some(m(0, 9)));
        assert_eq!(environment_minor("tecton-core-1.2.0"), Some(m(1, 2)));
        assert_eq!(environment_minor("my-env"), None);
    }
}
