//! Reading, decoding and parsing files, in parallel. Every way a file can be unusable (unreadable,
//! binary, not UTF-8, too large, nested past Python's limits, a syntax error) becomes a TP001
//! diagnostic with a position, and the file takes no further part.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use ruff_python_ast::Stmt;

use crate::diagnostic::{Diagnostic, Span};
use crate::source::Sources;

/// Files above this size are not parsed (a generated file of this size defines no features).
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// One Python module of the root.
pub(crate) struct LoadedModule {
    pub path: PathBuf,
    /// The dotted module name Tecton imports it as (`features.user_counts`; a package's
    /// `__init__.py` is the package's name).
    pub name: String,
    pub is_package: bool,
    pub text: Arc<str>,
    /// The statements, or `None` when the file could not be used.
    pub suite: Option<Vec<Stmt>>,
    pub error: Option<Diagnostic>,
    /// A file Tecton does not collect (`.tectonignore` matches it) that a collected module
    /// imports: it runs only when imported, and what it constructs is registered then.
    pub import_only: bool,
}

impl LoadedModule {
    /// The absolute name of `from <level dots><module> import ...` in this module, or `None`
    /// when the dots climb out of the root.
    pub fn absolute_module(&self, level: u32, module: Option<&str>) -> Option<String> {
        if level == 0 {
            return module.map(str::to_string);
        }
        let mut package: Vec<&str> = if self.name.is_empty() {
            Vec::new()
        } else {
            self.name.split('.').collect()
        };
        if !self.is_package {
            package.pop()?;
        }
        for _ in 1..level {
            package.pop()?;
        }
        package.extend(module);
        Some(package.join("."))
    }
}

pub(crate) fn load_all(root: &Path, files: &[PathBuf], sources: &Sources) -> Vec<LoadedModule> {
    files
        .par_iter()
        .map(|path| load_one(root, path, sources))
        .collect()
}

/// Adds the modules that `.tectonignore` leaves out but that loaded modules import (`import
/// helpers.factory` of an ignored `helpers/`): Python still finds them, since the root is on
/// `sys.path`. Only names under the root that no hidden component hides are looked for.
pub(crate) fn add_imported(root: &Path, modules: &mut Vec<LoadedModule>, sources: &Sources) {
    let mut known: std::collections::HashSet<String> =
        modules.iter().map(|m| m.name.clone()).collect();
    let mut queue: Vec<String> = modules.iter().flat_map(imported_names).collect();
    while let Some(name) = queue.pop() {
        if known.contains(&name) || name.is_empty() || name.split('.').any(|p| p.starts_with('.')) {
            continue;
        }
        known.insert(name.clone());
        let base = name
            .split('.')
            .fold(root.to_path_buf(), |path, part| path.join(part));
        let candidates = [base.with_extension("py"), base.join("__init__.py")];
        let Some(path) = candidates.into_iter().find(|p| p.is_file()) else {
            continue;
        };
        if modules.iter().any(|m| m.path == path) {
            continue;
        }
        let mut module = load_one(root, &path, sources);
        module.import_only = true;
        queue.extend(imported_names(&module));
        modules.push(module);
    }
}

/// The absolute module names a module's imports may load: every prefix of `import a.b.c`, and
/// `X` and `X.name` of `from X import name` (relative ones resolved against the module).
pub(crate) fn imported_names(module: &LoadedModule) -> Vec<String> {
    use ruff_python_ast::visitor::{self, Visitor};
    struct Imports<'m> {
        module: &'m LoadedModule,
        out: Vec<String>,
    }
    impl Imports<'_> {
        fn prefixes(&mut self, dotted: &str) {
            let mut name = String::new();
            for part in dotted.split('.') {
                if !name.is_empty() {
                    name.push('.');
                }
                name.push_str(part);
                self.out.push(name.clone());
            }
        }
    }
    impl<'b> Visitor<'b> for Imports<'_> {
        fn visit_stmt(&mut self, stmt: &'b Stmt) {
            match stmt {
                Stmt::Import(import) => {
                    for alias in &import.names {
                        self.prefixes(alias.name.id.as_str());
                    }
                }
                Stmt::ImportFrom(from) => {
                    let module = from.module.as_ref().map(|m| m.id.as_str());
                    let base = self.module.absolute_module(from.level, module);
                    if let Some(base) = base {
                        if !base.is_empty() {
                            self.prefixes(&base);
                        }
                        for alias in &from.names {
                            let sub = if base.is_empty() {
                                alias.name.id.to_string()
                            } else {
                                format!("{base}.{}", alias.name.id)
                            };
                            self.out.push(sub);
                        }
                    }
                }
                _ => {}
            }
            visitor::walk_stmt(self, stmt);
        }
    }
    let mut imports = Imports {
        module,
        out: Vec::new(),
    };
    for stmt in module.suite.iter().flatten() {
        imports.visit_stmt(stmt);
    }
    imports.out
}

fn module_name(root: &Path, path: &Path) -> (String, bool) {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.last_mut() {
        if let Some(stem) = last.strip_suffix(".py") {
            *last = stem.to_string();
        }
    }
    let is_package = parts.last().is_some_and(|p| p == "__init__");
    if is_package {
        parts.pop();
    }
    (parts.join("."), is_package)
}

/// A file's text as [`load_one`] decodes it (a byte order mark dropped, a declared encoding
/// applied), or its lossy rendering when it does not decode, as the reports showed it.
pub(crate) fn reread(path: &Path) -> Option<String> {
    let bytes = crate::source::read_regular(path).ok()?;
    if bytes.len() > MAX_FILE_BYTES {
        return Some(String::new());
    }
    Some(match decode(&bytes) {
        Ok(text) => text,
        Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
    })
}

fn load_one(root: &Path, path: &Path, sources: &Sources) -> LoadedModule {
    let (name, is_package) = module_name(root, path);
    let mut module = LoadedModule {
        path: path.to_path_buf(),
        name,
        is_package,
        text: Arc::from(""),
        suite: None,
        error: None,
        import_only: false,
    };
    let fail = |message: String, start: usize, end: usize| {
        Diagnostic::new("TP001", message).at(Span::new(path, start, end))
    };
    let bytes = match crate::source::read_regular(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            sources.insert(path, "");
            module.error = Some(
                fail(format!("cannot read this file: {err}"), 0, 0).with_help(
                    "make the file readable; Tecton imports every .py file under the root",
                ),
            );
            return module;
        }
    };
    if bytes.len() > MAX_FILE_BYTES {
        sources.insert(path, "");
        module.error = Some(
            fail(
                format!(
                    "file is {} MiB, over the {} MiB that tecton-preflight parses",
                    bytes.len() / (1024 * 1024),
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
                0,
                0,
            )
            .with_help(
                "a file this large is almost certainly generated data; add it to .tectonignore",
            ),
        );
        return module;
    }
    let text = match decode(&bytes) {
        Ok(text) => text,
        Err((offset, message, help)) => {
            let lossy = String::from_utf8_lossy(&bytes).into_owned();
            // The offset is a byte offset into the raw file; it is valid in the lossy text too,
            // since everything before it decoded cleanly.
            let source = sources.insert_unreadable(path, lossy);
            let end = (offset + 1).min(source.text.len());
            module.error = Some(fail(message, offset, end).with_help(help));
            return module;
        }
    };
    let source = sources.insert(path, text);
    module.text = source.text.clone();
    let text = &*source.text;
    if let Some((offset, message)) = super::guard::check_nesting(text) {
        module.error = Some(
            fail(
                format!("Python cannot parse this file: {message}"),
                offset,
                offset + 1,
            )
            .with_help("Python refuses such nesting too; split the expression up"),
        );
        return module;
    }
    match ruff_python_parser::parse_module(text) {
        Ok(parsed) => {
            let suite: Vec<Stmt> = parsed.into_suite().into_iter().collect();
            if let Some((range, depth)) = super::guard::too_deep(&suite) {
                module.error = Some(
                    fail(
                        format!("Python cannot compile this file: statements and expressions nested {depth} deep (RecursionError: maximum recursion depth exceeded during compilation)"),
                        range.start().to_usize(),
                        range.end().to_usize(),
                    )
                    .with_help(format!(
                        "split the expression up: Python compiles at most about {} levels when Tecton imports a file",
                        super::guard::MAX_DEPTH
                    )),
                );
                return module;
            }
            if let Some((name, range)) = repeated_keyword(&suite) {
                module.error = Some(
                    fail(
                        format!("syntax error: keyword argument repeated: {name} (SyntaxError)"),
                        range.start().to_usize(),
                        range.end().to_usize(),
                    )
                    .with_help("Python refuses to compile the whole file; keep one of the two"),
                );
                return module;
            }
            module.suite = Some(suite);
        }
        Err(err) => {
            let range = err.location;
            let start = usize::from(range.start());
            let end = usize::from(range.end())
                .max(start + 1)
                .min(text.len().max(start));
            module.error = Some(
                fail(format!("syntax error: {}", err.error), start, end).with_help(
                    "Tecton stops at the first file it cannot import; fix the syntax error",
                ),
            );
        }
    }
    module
}

/// The first call that passes the same keyword twice (`f(online=True, online=False)`): Python's
/// compiler rejects the file (ruff's parser accepts it).
fn repeated_keyword(suite: &[Stmt]) -> Option<(String, ruff_text_size::TextRange)> {
    use ruff_python_ast::visitor::{self, Visitor};
    use ruff_python_ast::Expr;
    struct Repeated {
        found: Option<(String, ruff_text_size::TextRange)>,
    }
    impl<'b> Visitor<'b> for Repeated {
        fn visit_expr(&mut self, expr: &'b Expr) {
            if self.found.is_some() {
                return;
            }
            if let Expr::Call(call) = expr {
                let keywords = &call.arguments.keywords;
                for (i, keyword) in keywords.iter().enumerate() {
                    let Some(name) = &keyword.arg else { continue };
                    if keywords[..i]
                        .iter()
                        .any(|k| k.arg.as_ref().is_some_and(|n| n.id == name.id))
                    {
                        self.found = Some((name.id.to_string(), keyword.range));
                        return;
                    }
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut repeated = Repeated { found: None };
    for stmt in suite {
        repeated.visit_stmt(stmt);
    }
    repeated.found
}

/// Decodes a Python source file as Python does: UTF-8 with an optional BOM, or the encoding its
/// coding cookie names (latin-1 and ASCII are understood). On failure: the byte offset, the
/// message and the help line.
fn decode(bytes: &[u8]) -> Result<String, (usize, String, &'static str)> {
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err((
            nul,
            "this is not a Python source file: it contains a NUL byte (Python refuses to import it)"
                .to_string(),
            "rename the file if it is not Python, or list it in .tectonignore",
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match coding_cookie(bytes).as_deref() {
        None | Some("utf-8" | "utf8" | "utf_8") => {}
        Some("latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "iso_8859_1" | "l1") => {
            return Ok(bytes.iter().map(|&b| b as char).collect());
        }
        Some("ascii" | "us-ascii") => {
            if let Some(pos) = bytes.iter().position(|b| !b.is_ascii()) {
                return Err((
                    pos,
                    format!(
                        "byte 0x{:02x} is not ASCII, as the coding declaration says",
                        bytes[pos]
                    ),
                    "remove the character or change the coding declaration",
                ));
            }
        }
        Some(other) => {
            return Err((
                0,
                format!(
                    "the file declares the encoding `{other}`, which tecton-preflight cannot read"
                ),
                "save the file as UTF-8 and remove the coding declaration",
            ));
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(err) => {
            let pos = err.valid_up_to();
            Err((
                pos,
                format!(
                    "this file is not valid UTF-8 (byte 0x{:02x}); Python refuses to import it",
                    bytes[pos]
                ),
                "save the file as UTF-8, or declare its encoding with `# -*- coding: latin-1 -*-`",
            ))
        }
    }
}

/// The encoding named by a PEP 263 coding declaration on the first or second line, lower-cased.
fn coding_cookie(bytes: &[u8]) -> Option<String> {
    for line in bytes.split(|&b| b == b'\n').take(2) {
        let line = String::from_utf8_lossy(line);
        let trimmed = line.trim_start();
        if !trimmed.starts_with('#') {
            continue;
        }
        if let Some(at) = trimmed.find("coding") {
            let rest = &trimmed[at + 6..];
            if let Some(rest) = rest.strip_prefix([':', '=']) {
                let name: String = rest
                    .trim_start()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                    .collect();
                if !name.is_empty() {
                    return Some(name.to_ascii_lowercase());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_bom_and_latin1_cookie() {
        assert_eq!(decode(b"\xEF\xBB\xBFx = 1\n").unwrap(), "x = 1\n");
        let latin = b"# -*- coding: latin-1 -*-\nx = '\xe9'\n";
        assert!(decode(latin).unwrap().contains('é'));
    }

    #[test]
    fn reports_the_first_bad_byte() {
        let (offset, message, _) = decode(b"x = 1\ny = '\xff'\n").unwrap_err();
        assert_eq!(offset, 11);
        assert!(message.contains("0xff"));
        let (offset, _, _) = decode(b"abc\0def").unwrap_err();
        assert_eq!(offset, 3);
    }

    #[test]
    fn module_names_follow_tecton() {
        let root = Path::new("/r");
        assert_eq!(
            module_name(root, Path::new("/r/a/b.py")),
            ("a.b".into(), false)
        );
        assert_eq!(
            module_name(root, Path::new("/r/a/__init__.py")),
            ("a".into(), true)
        );
    }
}
