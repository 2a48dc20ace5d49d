//! A cheap scan that runs before the parser, so that input the parser would recurse on without bound
//! (thousands of nested brackets, an endless operator chain) gets a diagnostic instead of a stack
//! overflow. The limits are CPython's own where it has them: 200 nested brackets ("too many nested
//! parentheses") and 100 indentation levels ("too many levels of indentation"), so a file refused
//! here is one that Python refuses to import as well. After parsing, [`walk_with`] applies the
//! limit of CPython's compiler on nested statements and expressions, which is lower, and finds the
//! repeated keyword arguments and the statements out of place (`return` outside a function, a late
//! `from __future__` import, ...) that CPython's compiler refuses, in the same walk.

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

/// CPython's `MAXLEVEL` in its tokenizer.
const MAX_BRACKETS: usize = 200;
/// CPython's `MAXINDENT`.
const MAX_INDENT: usize = 100;
/// Operators chained in one expression without a comma between them, counted before parsing to
/// keep the parser's recursion bounded. CPython's compiler gives up before this ([`MAX_DEPTH`],
/// checked on the parsed tree); no real definition comes near it.
const MAX_CHAIN: usize = 5_000;

/// Statements and expressions nested in one another on one path, counting the innermost value,
/// that CPython compiles when Tecton imports the file. CPython's compiler counts this nesting
/// against the interpreter's recursion limit (3 per frame of its 1,000, less the frames already
/// on the stack) and fails with "RecursionError: maximum recursion depth exceeded during
/// compilation". Measured with Python 3.11.7 through the SDK's own loader (the oracle, SDK
/// 1.2.13): `x = 1 + 1 + ...` with 2,950 operators (depth 2,952) imports, 2,951 fails; a bare
/// `compile()` allows 42 more. The shape does not matter: a chain of `-`, `not`, attributes,
/// conditional expressions or nested calls counts the same.
pub const MAX_DEPTH: usize = 2_952;

/// What one walk of a parsed file finds that Python's compiler refuses and ruff's parser accepts.
pub struct Refused {
    /// The first node nested deeper than [`MAX_DEPTH`], and its depth.
    pub too_deep: Option<(TextRange, usize)>,
    /// The first call that passes the same keyword twice (`f(online=True, online=False)`), when
    /// nothing is nested too deep: the keyword and its range.
    pub repeated_keyword: Option<(String, TextRange)>,
    /// The first statement or expression that Python's compiler refuses where it stands
    /// (`return` outside a function, `break` outside a loop, a late `from __future__` import, a
    /// parameter named twice, ...), when nothing is nested too deep: CPython's message, and where.
    pub misplaced: Option<(String, TextRange)>,
}

/// What encloses a statement, as Python's compiler tells where `return`, `yield`, `await`,
/// `break` and `continue` may stand.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scope {
    Module,
    Class,
    Function { is_async: bool },
    Lambda,
}

/// The features `from __future__ import` knows in Python 3.9 to 3.13.
const FUTURE_FEATURES: [&str; 10] = [
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// Walks the file once, in the order Python's compiler meets the nodes, for both of
/// [`Refused`]'s findings; past a node nested too deep it stops. Each statement it meets, outer
/// ones first, goes to `on_stmt` too: one walk of the tree serves whoever needs its statements,
/// such as its imports.
pub fn walk_with<'a>(suite: &'a [Stmt], on_stmt: impl FnMut(&'a Stmt)) -> Refused {
    struct Depth<'a, F> {
        depth: usize,
        found: Refused,
        on_stmt: F,
        /// The scopes around the node, the module's first and the innermost last, each with the
        /// loops open in it.
        scopes: Vec<(Scope, usize)>,
        /// Comprehensions around the node (where `yield` and `await` follow other rules, which
        /// are not checked).
        comprehensions: usize,
        /// The `from __future__` imports at the beginning of the file, the only ones allowed.
        futures: &'a [Stmt],
    }
    impl<'a, F: FnMut(&'a Stmt)> Visitor<'a> for Depth<'a, F> {
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            if self.found.too_deep.is_none() {
                (self.on_stmt)(stmt);
            }
            if self.found.misplaced.is_none() {
                self.found.misplaced = self.misplaced_stmt(stmt);
            }
            self.enter(
                || stmt.range(),
                |v| match stmt {
                    Stmt::FunctionDef(def) => {
                        for decorator in &def.decorator_list {
                            v.visit_decorator(decorator);
                        }
                        if let Some(type_params) = &def.type_params {
                            v.visit_type_params(type_params);
                        }
                        v.visit_parameters(&def.parameters);
                        if let Some(returns) = &def.returns {
                            v.visit_annotation(returns);
                        }
                        let scope = Scope::Function {
                            is_async: def.is_async,
                        };
                        v.within(scope, |v| v.visit_body(&def.body));
                    }
                    Stmt::ClassDef(class) => {
                        for decorator in &class.decorator_list {
                            v.visit_decorator(decorator);
                        }
                        if let Some(type_params) = &class.type_params {
                            v.visit_type_params(type_params);
                        }
                        if let Some(arguments) = &class.arguments {
                            v.visit_arguments(arguments);
                        }
                        v.within(Scope::Class, |v| v.visit_body(&class.body));
                    }
                    Stmt::For(for_stmt) => {
                        v.visit_expr(&for_stmt.iter);
                        v.visit_expr(&for_stmt.target);
                        v.looping(|v| v.visit_body(&for_stmt.body));
                        v.visit_body(&for_stmt.orelse);
                    }
                    Stmt::While(while_stmt) => {
                        v.visit_expr(&while_stmt.test);
                        v.looping(|v| v.visit_body(&while_stmt.body));
                        v.visit_body(&while_stmt.orelse);
                    }
                    _ => visitor::walk_stmt(v, stmt),
                },
            );
        }
        fn visit_expr(&mut self, expr: &'a Expr) {
            // One match a node: this walk runs over every file.
            match expr {
                Expr::Call(call)
                    if call.arguments.keywords.len() > 1
                        && self.found.repeated_keyword.is_none() =>
                {
                    self.found.repeated_keyword = repeated(&call.arguments.keywords);
                }
                Expr::Lambda(lambda) => {
                    if self.found.misplaced.is_none() {
                        self.found.misplaced = self.misplaced_expr(expr);
                    }
                    return self.enter(
                        || expr.range(),
                        |v| {
                            if let Some(parameters) = &lambda.parameters {
                                v.visit_parameters(parameters);
                            }
                            v.within(Scope::Lambda, |v| v.visit_expr(&lambda.body));
                        },
                    );
                }
                Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_)
                    if self.found.misplaced.is_none() =>
                {
                    self.found.misplaced = self.misplaced_expr(expr);
                }
                Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {
                    return self.enter(
                        || expr.range(),
                        |v| {
                            v.comprehensions += 1;
                            visitor::walk_expr(v, expr);
                            v.comprehensions -= 1;
                        },
                    );
                }
                _ => {}
            }
            self.enter(|| expr.range(), |v| visitor::walk_expr(v, expr));
        }
    }
    impl<F> Depth<'_, F> {
        fn scope(&self) -> Scope {
            self.scopes
                .last()
                .map_or(Scope::Module, |(scope, _)| *scope)
        }

        fn loops(&self) -> usize {
            self.scopes.last().map_or(0, |(_, loops)| *loops)
        }

        fn within(&mut self, scope: Scope, walk: impl FnOnce(&mut Self)) {
            self.scopes.push((scope, 0));
            walk(self);
            self.scopes.pop();
        }

        fn looping(&mut self, walk: impl FnOnce(&mut Self)) {
            let at = self.scopes.len() - 1;
            self.scopes[at].1 += 1;
            walk(self);
            self.scopes[at].1 -= 1;
        }

        /// CPython's SyntaxError for a statement out of place, if any.
        fn misplaced_stmt(&self, stmt: &Stmt) -> Option<(String, TextRange)> {
            let message = match stmt {
                Stmt::Return(_) if !matches!(self.scope(), Scope::Function { .. }) => {
                    "'return' outside function".to_string()
                }
                Stmt::Break(_) if self.loops() == 0 => "'break' outside loop".to_string(),
                Stmt::Continue(_) if self.loops() == 0 => {
                    "'continue' not properly in loop".to_string()
                }
                Stmt::Nonlocal(_) if self.scope() == Scope::Module => {
                    "nonlocal declaration not allowed at module level".to_string()
                }
                Stmt::ImportFrom(import)
                    if import.level == 0
                        && import
                            .module
                            .as_ref()
                            .is_some_and(|m| m.id.as_str() == "__future__") =>
                {
                    if !self.futures.iter().any(|f| std::ptr::eq(f, stmt)) {
                        "from __future__ imports must occur at the beginning of the file"
                            .to_string()
                    } else {
                        let unknown = import
                            .names
                            .iter()
                            .map(|alias| alias.name.id.as_str())
                            .find(|name| !FUTURE_FEATURES.contains(name))?;
                        match unknown {
                            "braces" => "not a chance".to_string(),
                            name => format!("future feature {name} is not defined"),
                        }
                    }
                }
                Stmt::FunctionDef(def) => duplicate_parameter(&def.parameters)?,
                Stmt::For(ast::StmtFor { is_async: true, .. }) if !self.in_async() => {
                    "'async for' outside async function".to_string()
                }
                Stmt::With(ast::StmtWith { is_async: true, .. }) if !self.in_async() => {
                    "'async with' outside async function".to_string()
                }
                _ => return None,
            };
            Some((message, stmt.range()))
        }

        /// CPython's SyntaxError for an expression out of place, if any.
        fn misplaced_expr(&self, expr: &Expr) -> Option<(String, TextRange)> {
            let message = match expr {
                Expr::Yield(_) | Expr::YieldFrom(_)
                    if self.comprehensions == 0
                        && matches!(self.scope(), Scope::Module | Scope::Class) =>
                {
                    "'yield' outside function".to_string()
                }
                Expr::Await(_) if self.comprehensions == 0 && !self.in_async() => {
                    match self.scope() {
                        Scope::Module | Scope::Class => "'await' outside function".to_string(),
                        _ => "'await' outside async function".to_string(),
                    }
                }
                Expr::Lambda(lambda) => duplicate_parameter(lambda.parameters.as_deref()?)?,
                _ => return None,
            };
            Some((message, expr.range()))
        }

        fn in_async(&self) -> bool {
            self.scope() == Scope::Function { is_async: true }
        }
        /// Walks into a node one level deeper; its range is worked out only if it is too deep.
        fn enter(&mut self, range: impl FnOnce() -> TextRange, walk: impl FnOnce(&mut Self)) {
            if self.found.too_deep.is_some() {
                return;
            }
            self.depth += 1;
            if self.depth > MAX_DEPTH {
                self.found.too_deep = Some((range(), self.depth));
            } else {
                walk(self);
            }
            self.depth -= 1;
        }
    }
    let mut walker = Depth {
        depth: 0,
        found: Refused {
            too_deep: None,
            repeated_keyword: None,
            misplaced: None,
        },
        on_stmt,
        scopes: vec![(Scope::Module, 0)],
        comprehensions: 0,
        futures: leading_futures(suite),
    };
    walker.visit_body(suite);
    let mut found = walker.found;
    if found.too_deep.is_some() {
        found.repeated_keyword = None;
        found.misplaced = None;
    }
    found
}

/// The `from __future__` imports a file begins with, after its docstring if any: the only place
/// Python's compiler allows them.
fn leading_futures(suite: &[Stmt]) -> &[Stmt] {
    let docstring =
        matches!(suite.first(), Some(Stmt::Expr(e)) if e.value.is_string_literal_expr());
    let start = usize::from(docstring);
    let futures = suite[start..]
        .iter()
        .take_while(|stmt| {
            matches!(stmt, Stmt::ImportFrom(import) if import.level == 0
                && import.module.as_ref().is_some_and(|m| m.id.as_str() == "__future__"))
        })
        .count();
    &suite[start..start + futures]
}

/// CPython's SyntaxError for a parameter named twice (`def f(a, a)`), if any.
fn duplicate_parameter(parameters: &ast::Parameters) -> Option<String> {
    let names = parameters.iter().map(|p| Some(p.name().as_str()));
    let at = first_repeated(names, parameters.len())?;
    let name = parameters.iter().nth(at)?.name().as_str();
    Some(format!(
        "duplicate argument '{name}' in function definition"
    ))
}

/// The first keyword passed twice in one call's keywords (a `**` spread names none): the keyword
/// and its range.
fn repeated(keywords: &[ruff_python_ast::Keyword]) -> Option<(String, TextRange)> {
    let names = keywords
        .iter()
        .map(|k| k.arg.as_ref().map(|n| n.id.as_str()));
    let keyword = &keywords[first_repeated(names, keywords.len())?];
    let name = keyword.arg.as_ref()?.id.as_str();
    Some((name.to_owned(), keyword.range))
}

/// The position of the first name given again among `count` names (`None` is no name): looked
/// for among the ones before it, or, past 16 (generated code may pass thousands), in a set of them.
pub(super) fn first_repeated<'n>(
    names: impl Iterator<Item = Option<&'n str>>,
    count: usize,
) -> Option<usize> {
    if count > 16 {
        let mut seen = rustc_hash::FxHashSet::default();
        return names
            .enumerate()
            .find_map(|(i, name)| name.filter(|name| !seen.insert(*name)).map(|_| i));
    }
    // Compared as plain strings, read out of the identifiers once, and only with the ones before
    // that share a bit of a 64-bit signature of length and ends: nearly every name has no such one.
    let mut slots = [None; 16];
    let mut seen = 0u64;
    for (i, name) in names.take(16).enumerate() {
        slots[i] = name;
        let Some(name) = name else { continue };
        let bytes = name.as_bytes();
        let mark = bytes.len()
            ^ (usize::from(bytes.first().copied().unwrap_or(0)) << 1)
            ^ (usize::from(bytes.last().copied().unwrap_or(0)) * 7);
        let bit = 1u64 << (mark % 64);
        if seen & bit != 0 && slots[..i].contains(&Some(name)) {
            return Some(i);
        }
        seen |= bit;
    }
    None
}

/// A byte that [`check_nesting`] passes over.
const PLAIN: u8 = 0;
/// A digit: passed over, or part of a word that a letter started.
const DIGIT: u8 = 1;
/// A byte that may start a word (a keyword counts in an operator chain).
const WORD: u8 = 2;
/// A byte with a meaning of its own (a bracket, an operator, a quote, a line end, ...).
const SPECIAL: u8 = 3;

/// Each byte's class, for [`check_nesting`].
static CLASS: [u8; 256] = classes(true);

/// Each byte's class when operator chains are not counted: only what brackets, strings,
/// comments and lines are made of is [`SPECIAL`].
static BRACKET_CLASS: [u8; 256] = classes(false);

const fn classes(chains: bool) -> [u8; 256] {
    let mut class = [PLAIN; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        class[b] = if c.is_ascii_alphabetic() || c == b'_' {
            if chains {
                WORD
            } else {
                PLAIN
            }
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            match c {
                b'#' | b'\n' | b'\\' | b'\'' | b'"' | b'(' | b'[' | b'{' | b')' | b']' | b'}' => {
                    SPECIAL
                }
                b',' | b';' | b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'~'
                | b'<' | b'>' | b'.' | b'@' | b'='
                    if chains =>
                {
                    SPECIAL
                }
                _ => PLAIN,
            }
        };
        b += 1;
    }
    class
}

/// The byte offset and message of the first limit the text exceeds, if any.
pub fn check_nesting(text: &str) -> Option<(usize, &'static str)> {
    if plainly_within(text.as_bytes()) {
        return None;
    }
    // A chain is counted within a logical line (it starts again at each line end outside
    // brackets), and each of its operators takes at least a byte: when no logical line is longer
    // than the limit, none can exceed it, and the scan that skips words and operators (most of a
    // file) at once gives the answer. Only a file with a longer line is scanned again, counting.
    let (found, longest) = scan(text, &BRACKET_CLASS);
    if longest <= MAX_CHAIN {
        found
    } else {
        scan(text, &CLASS).0
    }
}

/// Whether the text is within every limit by counts that need no scan (most files are): at most
/// [`MAX_CHAIN`] bytes, so no chain can pass it (each operator takes a byte); no more opening
/// brackets in all than [`MAX_BRACKETS`], so none nests deeper, whatever strings or comments
/// hold them; and no line indented past [`MAX_INDENT`] columns, counted as the scan counts them,
/// since each level is indented a column deeper than the one it is in at least. Indented by
/// spaces alone, so many levels take more bytes than such a text has ([`SPACES_FOR_MAX_INDENT`]),
/// so the lines are looked at only in a text with a tab.
fn plainly_within(bytes: &[u8]) -> bool {
    if bytes.len() > MAX_CHAIN {
        return false;
    }
    // Counted in runs of at most 255 bytes, a byte-wide count each, which the compiler turns into
    // vector instructions.
    let opens: usize = bytes
        .chunks(255)
        .map(|run| {
            usize::from(
                run.iter()
                    .fold(0u8, |n, &b| n + u8::from(matches!(b, b'(' | b'[' | b'{'))),
            )
        })
        .sum();
    if opens > MAX_BRACKETS {
        return false;
    }
    memchr::memchr(b'\t', bytes).is_none()
        || std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', bytes).map(|end| end + 1))
            .all(|start| {
                let mut width = 0;
                for &b in &bytes[start..] {
                    match b {
                        b' ' => width += 1,
                        b'\t' => width += 8 - width % 8,
                        _ => break,
                    }
                    if width > MAX_INDENT {
                        return false;
                    }
                }
                true
            })
}

/// The fewest bytes in which spaces indent more than [`MAX_INDENT`] levels: a line at each width
/// from 1 to `MAX_INDENT + 1` columns, each with a character after its indentation and a line end.
const SPACES_FOR_MAX_INDENT: usize = (MAX_INDENT + 1) * (MAX_INDENT + 2) / 2 + 2 * (MAX_INDENT + 1);
const _: () = assert!(SPACES_FOR_MAX_INDENT > MAX_CHAIN);

/// The first limit exceeded (see [`check_nesting`]), and the longest stretch of the text
/// between two line ends outside brackets, up to where the scan stopped.
fn scan(text: &str, class: &[u8; 256]) -> (Option<(usize, &'static str)>, usize) {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut chain = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    let mut at_line_start = true;
    let (mut line_start, mut longest) = (0, 0);
    let mut i = 0;
    let found = loop {
        if i >= bytes.len() {
            break None;
        }
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
                        break Some((start, "too many levels of indentation"));
                    }
                }
            }
            continue;
        }
        match class[usize::from(b)] {
            // Most bytes change nothing: skip their run at once.
            PLAIN | DIGIT => {
                i += 1;
                while i < bytes.len() && class[usize::from(bytes[i])] <= DIGIT {
                    i += 1;
                }
                continue;
            }
            WORD => {
                let start = i;
                while i < bytes.len() && matches!(class[usize::from(bytes[i])], DIGIT | WORD) {
                    i += 1;
                }
                let word = &bytes[start..i];
                if word.len() <= 6
                    && matches!(
                        word,
                        b"not"
                            | b"and"
                            | b"or"
                            | b"if"
                            | b"else"
                            | b"lambda"
                            | b"await"
                            | b"in"
                            | b"is"
                    )
                {
                    chain += 1;
                    if chain > MAX_CHAIN {
                        break Some((start, "expression too complex to analyze"));
                    }
                }
                continue;
            }
            _ => {}
        }
        match b {
            b'#' => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |end| i + end);
                continue;
            }
            b'\n' => {
                at_line_start = true;
                if depth == 0 {
                    chain = 0;
                    longest = longest.max(i - line_start);
                    line_start = i;
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
                    break Some((i, "too many nested parentheses"));
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b',' | b';' => chain = 0,
            b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'|' | b'^' | b'~' | b'<' | b'>' | b'.'
            | b'@' | b'=' => {
                chain += 1;
                if chain > MAX_CHAIN {
                    break Some((i, "expression too complex to analyze"));
                }
            }
            _ => {}
        }
        i += 1;
    };
    (found, longest.max(i.min(bytes.len()) - line_start))
}

/// The offset just past the string literal that starts at `start` (a quote character).
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.len() >= start + 3 && bytes[start + 1] == quote && bytes[start + 2] == quote;
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        // Only a quote, a backslash or (in a one-line string) a line end matters: skip to it.
        let next = if triple {
            memchr::memchr2(quote, b'\\', &bytes[i..])
        } else {
            memchr::memchr3(quote, b'\\', b'\n', &bytes[i..])
        };
        let Some(next) = next else {
            return bytes.len();
        };
        i += next;
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
    fn a_repeated_keyword_is_the_first_that_repeats_in_short_and_long_calls() {
        fn first_repeat(src: &str) -> Option<(String, &str)> {
            let suite = ruff_python_parser::parse_module(src)
                .expect("parses")
                .into_suite();
            walk_with(&suite, |_| {})
                .repeated_keyword
                .map(|(name, range)| (name, &src[range.start().to_usize()..range.end().to_usize()]))
        }
        for count in [3, 40] {
            let mut args: Vec<String> = (0..count).map(|i| format!("a{i}=1")).collect();
            assert_eq!(first_repeat(&format!("f({})\n", args.join(", "))), None);
            args.push("a1=2".into());
            args.push("a0=3".into());
            assert_eq!(
                first_repeat(&format!("f({})\n", args.join(", "))),
                Some(("a1".to_string(), "a1=2")),
                "{count} keywords"
            );
        }
    }

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

    /// Parsed and walked on a thread with the stack the program gives its workers.
    fn depth_of(src: &str) -> Option<usize> {
        let src = src.to_string();
        std::thread::Builder::new()
            .stack_size(256 * 1024 * 1024)
            .spawn(move || {
                let suite = ruff_python_parser::parse_module(&src)
                    .expect("parses")
                    .into_suite();
                walk_with(&suite, |_| {}).too_deep.map(|(_, depth)| depth)
            })
            .expect("thread")
            .join()
            .expect("no panic")
    }

    /// The limits measured with CPython 3.11 through the SDK's loader: every shape that nests one
    /// level per operator stops at the same depth.
    #[test]
    fn nesting_past_cpythons_compiler_is_refused_at_the_measured_depth() {
        let ok = MAX_DEPTH - 2;
        for (shape, at) in [
            (format!("x = 1{}\n", " + 1".repeat(ok)), true),
            (format!("x = 1{}\n", " + 1".repeat(ok + 1)), false),
            (format!("x = {}1\n", "-".repeat(ok)), true),
            (format!("x = {}1\n", "not ".repeat(ok + 1)), false),
            (format!("x = os{}\n", ".sep".repeat(ok + 1)), false),
            (
                format!("def f():\n    return 1{}\n", " + 1".repeat(ok - 1)),
                true,
            ),
            (
                format!("def f():\n    return 1{}\n", " + 1".repeat(ok)),
                false,
            ),
            (format!("x = f(a=1{})\n", " + 1".repeat(ok - 1)), true),
            (format!("x = f(a=1{})\n", " + 1".repeat(ok)), false),
        ] {
            assert_eq!(depth_of(&shape).is_none(), at, "{}", &shape[..40]);
        }
        // Flat forms nest nothing, however long.
        assert_eq!(
            depth_of(&format!("x = a{}\n", " and a".repeat(4_000))),
            None
        );
        assert_eq!(depth_of(&format!("x = [{}]\n", "1, ".repeat(50_000))), None);
    }

    #[test]
    fn a_text_within_the_chain_limit_is_judged_the_same_without_counting_chains() {
        // Indented by tabs and spaces, a column deeper each line: over 100 levels in 1,100 bytes.
        let mut indented = String::new();
        for width in 0..110 {
            indented.push_str(&"\t".repeat(width / 8));
            indented.push_str(&" ".repeat(width % 8));
            indented.push_str("if x:\n");
        }
        let texts = [
            (format!("x = {}1{}", "(".repeat(300), ")".repeat(300)), true),
            (
                format!("x = {}1{}", "[".repeat(200), "]".repeat(200)),
                false,
            ),
            (
                format!("x = '{}' # {}\n", "(".repeat(300), "{".repeat(300)),
                false,
            ),
            (
                format!("s = r'\\\\(' + f\"{{x}}(\" + b'''{}'''\n", "(".repeat(250)),
                false,
            ),
            (
                format!("s = r'\\'(' + {}1{}\n", "(".repeat(250), ")".repeat(250)),
                true,
            ),
            (format!("x = {}1\n", "not -1 + ".repeat(400)), false),
            (indented, true),
        ];
        for (text, refused) in &texts {
            assert!(text.len() <= MAX_CHAIN);
            let counted = scan(text, &CLASS).0;
            assert_eq!(counted.is_some(), *refused, "{text}");
            assert_eq!(scan(text, &BRACKET_CLASS).0, counted, "{text}");
            assert_eq!(check_nesting(text), counted, "{text}");
            if *refused {
                assert!(!plainly_within(text.as_bytes()), "{text}");
            }
        }
    }

    #[test]
    fn chains_are_counted_again_only_for_a_logical_line_past_the_limit() {
        // Many short lines: the scan that does not count is the answer, and it is the same.
        let short_lines = format!("{}x = ((1))\n", "y = a + b - c * d\n".repeat(600));
        assert!(short_lines.len() > MAX_CHAIN);
        let (found, longest) = scan(&short_lines, &BRACKET_CLASS);
        assert!(longest <= MAX_CHAIN);
        assert_eq!(found, None);
        assert_eq!(scan(&short_lines, &CLASS).0, None);
        let deep = format!("{short_lines}z = {}1{}\n", "(".repeat(201), ")".repeat(201));
        assert_eq!(check_nesting(&deep), scan(&deep, &CLASS).0);
        assert!(check_nesting(&deep).is_some());
        // One logical line of 6,000 operators, spread over bracketed lines: counted, refused.
        let spread = format!("x = (\n{}1)\n", "1 +\n".repeat(6000));
        assert!(scan(&spread, &BRACKET_CLASS).1 > MAX_CHAIN);
        assert_eq!(scan(&spread, &BRACKET_CLASS).0, None);
        assert!(check_nesting(&spread).is_some());
        // As long a line of a list: counted, and still accepted (commas start a chain again).
        let list = format!("x = [\n{}]\n", "-1,\n".repeat(6000));
        assert!(scan(&list, &BRACKET_CLASS).1 > MAX_CHAIN);
        assert_eq!(check_nesting(&list), None);
    }

    #[test]
    fn counts_alone_pass_a_short_text_only_within_each_limit() {
        let ordinary = "x = [(1, 2), {'a': [3]}]\nif x:\n    y = -1 + -2\n";
        assert!(plainly_within(ordinary.as_bytes()));
        // 200 brackets pass on counts, the 201st needs the scan (here, in a string: accepted).
        let at_limit = format!("x = {}1{}", "(".repeat(200), ")".repeat(200));
        assert!(plainly_within(at_limit.as_bytes()));
        let in_string = format!("x = '{}'", "(".repeat(201));
        assert!(!plainly_within(in_string.as_bytes()));
        assert_eq!(check_nesting(&in_string), None);
        // A line indented 100 columns passes; 97 spaces and a tab (104 columns) need the scan.
        let hundred = format!("x = 1\n{}y = 2\n", " ".repeat(100));
        assert!(plainly_within(hundred.as_bytes()));
        let past = format!("x = 1\n{}\ty = 2\n", " ".repeat(97));
        assert!(!plainly_within(past.as_bytes()));
        // Tabs indent 101 levels in far fewer bytes: the lines are looked at.
        let mut tabs = String::new();
        for width in 0..=MAX_INDENT + 1 {
            tabs.push_str(&"\t".repeat(width / 8));
            tabs.push_str(&" ".repeat(width % 8));
            tabs.push_str("if x:\n");
        }
        assert!(tabs.len() <= MAX_CHAIN);
        assert!(!plainly_within(tabs.as_bytes()));
        assert!(check_nesting(&tabs).is_some());
        // Longer than a chain may be: the scan decides.
        let long = format!("x = 1\n{}", "y = 2\n".repeat(1_000));
        assert!(long.len() > MAX_CHAIN);
        assert!(!plainly_within(long.as_bytes()));
        assert_eq!(check_nesting(&long), None);
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
