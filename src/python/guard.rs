//! A cheap scan that runs before the parser, so that input the parser would recurse on without bound
//! (thousands of nested brackets, an endless operator chain) gets a diagnostic instead of a stack
//! overflow. The limits are CPython's own where it has them: 200 nested brackets ("too many nested
//! parentheses") and 100 indentation levels ("too many levels of indentation"), so a file refused
//! here is one that Python refuses to import as well.

/// CPython's `MAXLEVEL` in its tokenizer.
const MAX_BRACKETS: usize = 200;
/// CPython's `MAXINDENT`.
const MAX_INDENT: usize = 100;
/// Operators chained in one expression without a comma between them. CPython gives up with
/// "too complex" or a recursion error long before this; no real definition comes near it.
const MAX_CHAIN: usize = 5_000;

/// The byte offset and message of the first limit the text exceeds, if any.
pub fn check_nesting(text: &str) -> Option<(usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut chain = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    let mut at_line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if at_line_start && depth == 0 {
            at_line_start = false;
            let start = i;
            let mut width = 0;
            while i < bytes.len() && (bytes[i] == b' ' || bytes[i] == b'\t') {
                width += if bytes[i] == b'\t' { 8 - width % 8 } else { 1 };
                i += 1;
            }
            let blank = i >= bytes.len() || matches!(bytes[i], b'\n' | b'\r' | b'#');
            if !blank {
                while indents.last().is_some_and(|&w| w > width) {
                    indents.pop();
                }
                if width > indents.last().copied().unwrap_or(0) {
                    indents.push(width);
                    if indents.len() > MAX_INDENT {
                        return Some((start, "too many levels of indentation"));
                    }
                }
            }
            continue;
        }
        match b {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\n' => {
                at_line_start = true;
                if depth == 0 {
                    chain = 0;
                }
            }
            b'\\' => {
                // A line continuation: the next line belongs to this one.
                i += 2;
                continue;
            }
            b'\'' | b'"' => {
                i = skip_string(bytes, i);
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_BRACKETS {
                    return Some((i, "too many nested parentheses"));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b',' | b';' => chain = 0,
            b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'~' | b'<' | b'>' | b'.'
            | b'@' | b'=' => {
                chain += 1;
                if chain > MAX_CHAIN {
                    return Some((i, "expression too complex to analyze"));
                }
            }
            _ if b.is_ascii_alphabetic() || b == b'_' => {
                let start = i;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let word = &text[start..i];
                if matches!(
                    word,
                    "not" | "and" | "or" | "if" | "else" | "lambda" | "await" | "in" | "is"
                ) {
                    chain += 1;
                    if chain > MAX_CHAIN {
                        return Some((start, "expression too complex to analyze"));
                    }
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The offset just past the string literal that starts at `start` (a quote character).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.len() >= start + 3 && bytes[start + 1] == quote && bytes[start + 2] == quote;
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'\n' if !triple => return i,
            c if c == quote => {
                if !triple {
                    return i + 1;
                }
                if bytes.len() >= i + 3 && bytes[i + 1] == quote && bytes[i + 2] == quote {
                    return i + 3;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_code_passes() {
        let src = "x = [(1, 2), {'a': [3]}]\nif x:\n    y = -1 + -2\n# ((((\ns = '(((('\n";
        assert_eq!(check_nesting(src), None);
    }

    #[test]
    fn deep_brackets_are_refused_at_the_201st() {
        let src = format!("x = {}1{}", "(".repeat(300), ")".repeat(300));
        let (offset, message) = check_nesting(&src).expect("refused");
        assert_eq!(offset, 4 + 200);
        assert_eq!(message, "too many nested parentheses");
        let ok = format!("x = {}1{}", "(".repeat(200), ")".repeat(200));
        assert_eq!(check_nesting(&ok), None);
    }

    #[test]
    fn brackets_inside_strings_and_comments_do_not_count() {
        let src = format!(
            "x = '{}' # {}\ny = \"\"\"{}\"\"\"\n",
            "(".repeat(500),
            "[".repeat(500),
            "{".repeat(500)
        );
        assert_eq!(check_nesting(&src), None);
    }

    #[test]
    fn long_operator_chains_are_refused_but_long_lists_are_not() {
        let chain = format!("x = {}1\n", "1 + ".repeat(6000));
        assert!(check_nesting(&chain).is_some());
        let list = format!("x = [{}]\n", "-1, ".repeat(100_000));
        assert_eq!(check_nesting(&list), None);
        let nots = format!("x = {}True\n", "not ".repeat(6000));
        assert!(check_nesting(&nots).is_some());
    }

    #[test]
    fn deep_indentation_is_refused() {
        let mut src = String::new();
        for level in 0..120 {
            src.push_str(&" ".repeat(level));
            src.push_str("if x:\n");
        }
        src.push_str(&" ".repeat(120));
        src.push_str("pass\n");
        assert_eq!(
            check_nesting(&src).map(|(_, m)| m),
            Some("too many levels of indentation")
        );
    }
}
