//! Reading, decoding and parsing files, in parallel. Every way a file can be unusable (unreadable,
//! binary, not UTF-8, too large, nested past Python's limits, a syntax error) becomes a TP001
//! diagnostic with a position, and the file takes no further part.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use ruff_python_ast::Stmt;

use crate::diagnostic::{Diagnostic, Span};
use crate::source::Sources;

/// Files above this size are not parsed (a generated file of this size defines no features).
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// One Python module of the root: its name at once, its text and statements once a thread has
/// read and parsed it (see [`Modules`]).
pub(crate) struct LoadedModule {
    /// Shared with the spans of everything the module defines.
    pub path: crate::diagnostic::FilePath,
    /// The dotted module name Tecton imports it as (`features.user_counts`; a package's
    /// `__init__.py` is the package's name).
    pub name: String,
    pub is_package: bool,
    /// A file Tecton does not collect (`.tectonignore` matches it) that a collected module
    /// imports: it runs only when imported, and what it constructs is registered then.
    pub import_only: bool,
    /// Taken by the one thread that reads and parses the file.
    claimed: AtomicBool,
    loaded: OnceLock<Loaded>,
}

/// What reading and parsing a module gave.
#[derive(Default)]
pub(crate) struct Loaded {
    pub text: Arc<str>,
    /// The statements, or `None` when the file could not be used.
    pub suite: Option<Vec<Stmt>>,
    pub error: Option<Diagnostic>,
    /// The dotted names its imports name (see [`imported_names`]), found on the thread that
    /// parsed it.
    pub imports: Vec<String>,
    /// The parser's panic message, should it panic on this file: the thread that reads the module
    /// panics again with it, so that the run ends as an internal error whichever thread parsed.
    panicked: Option<String>,
}

impl Loaded {
    fn checked(&self) -> &Self {
        if let Some(message) = &self.panicked {
            panic!("{message}");
        }
        self
    }
}

impl LoadedModule {
    fn new(root: &Path, path: &Path) -> Self {
        let (name, is_package) = module_name(root, path);
        LoadedModule {
            path: crate::diagnostic::FilePath::new(path),
            name,
            is_package,
            import_only: false,
            claimed: AtomicBool::new(false),
            loaded: OnceLock::new(),
        }
    }

    /// The module's package, Python's `__package__`: itself for a package, empty for a module at
    /// the top of the root.
    pub fn package(&self) -> &str {
        match self.is_package {
            true => &self.name,
            false => self
                .name
                .rsplit_once('.')
                .map_or("", |(package, _)| package),
        }
    }

    /// The absolute name of `from <level dots><module> import ...` in this module, or the
    /// ImportError Python raises: a relative import starts from the module's package (itself for
    /// a package), which a module at the top of the root, on `sys.path`, does not have, and its
    /// dots cannot climb above the package at the top.
    pub fn absolute_module(
        &self,
        level: u32,
        module: Option<&str>,
    ) -> Result<String, &'static str> {
        if level == 0 {
            return Ok(module.unwrap_or_default().to_string());
        }
        let mut base = self.package();
        if base.is_empty() {
            return Err("attempted relative import with no known parent package");
        }
        for _ in 1..level {
            match base.rsplit_once('.') {
                Some((parent, _)) => base = parent,
                None => return Err("attempted relative import beyond top-level package"),
            }
        }
        Ok(match module {
            Some(module) => format!("{base}.{module}"),
            None => base.to_string(),
        })
    }

    /// What reading and parsing gave. It waits without claiming the parse, so it is only for a
    /// module some thread has claimed: outside this file, [`Modules::all`] and
    /// [`Modules::loaded`] give the parse and never wait on a module no thread will parse.
    fn loaded(&self) -> &Loaded {
        self.loaded.wait().checked()
    }

    /// Reads and parses the file on this thread unless another thread has taken it; `false`
    /// when it was taken.
    fn load_here(&self, sources: &Sources) -> bool {
        if self.claimed.swap(true, Ordering::AcqRel) {
            return false;
        }
        // A panic here would abort the process on one of rayon's threads: it is kept for the
        // reading thread instead, and waiters never hang.
        let parsed =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load_one(self, sources)));
        let loaded = parsed.unwrap_or_else(|payload| Loaded {
            panicked: Some(format!(
                "reading {}: {}",
                self.path.display(),
                payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default()
            )),
            ..Loaded::default()
        });
        let _ = self.loaded.set(loaded);
        true
    }
}

/// The Python modules of a root, read and parsed while the interpreter runs: threads call
/// [`Modules::parse_next`] and take the files in order, and the interpreter asks for a module
/// with [`Modules::loaded`], which parses it on the spot if no thread has taken it yet, or waits
/// for the thread that has. Modules that `.tectonignore` leaves out but that others import (see
/// [`Modules::import_only`]) are found once every collected module is parsed.
pub(crate) struct Modules {
    root: PathBuf,
    sources: Sources,
    collected: Vec<LoadedModule>,
    next: AtomicUsize,
    import_only: OnceLock<Vec<LoadedModule>>,
    /// The names in the root directory, read once a look-up needs them.
    entries: OnceLock<std::collections::HashSet<std::ffi::OsString>>,
    /// The paths of [`Self::collected`], once a look-up needs them.
    collected_paths: OnceLock<rustc_hash::FxHashSet<PathBuf>>,
}

impl Modules {
    pub fn new(root: &Path, files: &[PathBuf], sources: &Sources) -> Self {
        Modules {
            root: root.to_path_buf(),
            sources: sources.clone(),
            collected: files.iter().map(|f| LoadedModule::new(root, f)).collect(),
            next: AtomicUsize::new(0),
            import_only: OnceLock::new(),
            entries: OnceLock::new(),
            collected_paths: OnceLock::new(),
        }
    }

    /// The root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The modules collected from the root's files, in their order.
    pub fn collected(&self) -> &[LoadedModule] {
        &self.collected
    }

    /// The module at `index`: the collected ones first, then the import-only ones once found.
    pub fn module(&self, index: usize) -> &LoadedModule {
        match index.checked_sub(self.collected.len()) {
            None => &self.collected[index],
            Some(extra) => &self.import_only()[extra],
        }
    }

    /// The module's text and statements, parsed now if no thread has taken it. While another
    /// thread parses it, this one parses the next files no thread has taken rather than sleep:
    /// a thread woken on a machine whose cores the parse keeps busy can wait for its turn longer
    /// than the parse it waited for took.
    pub fn loaded(&self, index: usize) -> &Loaded {
        let module = self.module(index);
        while module.loaded.get().is_none() && !module.load_here(&self.sources) && self.parse_next()
        {
        }
        module.loaded.wait().checked()
    }

    /// Reads and parses the next collected file no thread has taken yet; `false` once none is
    /// left.
    pub fn parse_next(&self) -> bool {
        loop {
            let index = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(module) = self.collected.get(index) else {
                return false;
            };
            if module.load_here(&self.sources) {
                return true;
            }
        }
    }

    /// Whether `name` may be an import-only module (one of its candidate files exists), so
    /// that a look-up that misses the collected modules must wait for [`Self::import_only`].
    pub fn may_be_import_only(&self, name: &str) -> bool {
        self.in_root(name.split('.').next().unwrap_or(name))
            && candidate(&self.root, name).is_some_and(|path| {
                let collected = self.collected_paths.get_or_init(|| {
                    self.collected
                        .iter()
                        .map(|m| m.path.to_path_buf())
                        .collect()
                });
                !collected.contains(&path)
            })
    }

    /// Whether an import-only module may be named `top` or `top.*` (a file or folder of that
    /// name is in the root).
    pub fn may_hold_import_only(&self, top: &str) -> bool {
        !top.is_empty() && !top.starts_with('.') && self.in_root(top)
    }

    /// Whether the root directory holds `top` or `top.py` (the look-ups for the modules of
    /// the environment, `tecton` and the rest, end here without a file system call).
    fn in_root(&self, top: &str) -> bool {
        let entries = self.entries.get_or_init(|| {
            let mut entries = std::collections::HashSet::new();
            for entry in std::fs::read_dir(&self.root)
                .into_iter()
                .flatten()
                .flatten()
            {
                let name = entry.file_name();
                // `x.py` answers for `x` as well.
                if let Some(stem) = name.to_str().and_then(|n| n.strip_suffix(".py")) {
                    entries.insert(stem.into());
                }
                entries.insert(name);
            }
            entries
        });
        entries.contains(std::ffi::OsStr::new(top))
    }

    /// The modules that `.tectonignore` leaves out but that loaded modules import (`import
    /// helpers.factory` of an ignored `helpers/`): Python still finds them, since the root is on
    /// `sys.path`. Only names under the root that no hidden component hides are looked for.
    /// Found once, after every collected module is parsed; their indices follow the collected
    /// ones.
    pub fn import_only(&self) -> &[LoadedModule] {
        self.import_only.get_or_init(|| {
            for index in 0..self.collected.len() {
                self.loaded(index);
            }
            let mut known: rustc_hash::FxHashSet<String> =
                self.collected.iter().map(|m| m.name.clone()).collect();
            // A name whose first part the root directory does not hold (`tecton`, `datetime`)
            // has no file under the root, nor has any name below it.
            let worth_looking_up =
                |name: &&String| self.may_hold_import_only(name.split('.').next().unwrap_or(name));
            let mut queue: Vec<String> = self
                .collected
                .iter()
                .flat_map(|m| &m.loaded().imports)
                .filter(worth_looking_up)
                .cloned()
                .collect();
            let mut found: Vec<LoadedModule> = Vec::new();
            let mut dirs = Directories::default();
            while let Some(dotted) = queue.pop() {
                let Some(name) = self.next_import(&dotted, &mut known, &mut dirs, &mut queue)
                else {
                    continue;
                };
                let Some(path) = candidate(&self.root, &name) else {
                    continue;
                };
                if self
                    .collected
                    .iter()
                    .chain(&found)
                    .any(|m| *m.path == *path)
                {
                    continue;
                }
                let mut module = LoadedModule::new(&self.root, &path);
                module.import_only = true;
                module.load_here(&self.sources);
                queue.extend(
                    module
                        .loaded()
                        .imports
                        .iter()
                        .filter(worth_looking_up)
                        .cloned(),
                );
                found.push(module);
            }
            found
        })
    }

    /// The first module `dotted` imports that is not `known` yet (`import a.b.c` imports `a`, then
    /// `a.b`, then `a.b.c`), now known; what follows it goes back on the `queue`. A name below a
    /// directory the root does not have is not looked at: no module can be there, and a name of
    /// thousands of parts costs no more than the directories that exist. Whether a directory
    /// exists is asked once per run (`dirs`), and never for a top-level name the root directory
    /// does not hold (`tecton`, `datetime`).
    fn next_import(
        &self,
        dotted: &str,
        known: &mut rustc_hash::FxHashSet<String>,
        dirs: &mut Directories,
        queue: &mut Vec<String>,
    ) -> Option<String> {
        let mut end = 0;
        for (i, part) in dotted.split('.').enumerate() {
            end += usize::from(i > 0) + part.len();
            let prefix = &dotted[..end];
            if !known.contains(prefix) {
                known.insert(prefix.to_string());
                if end < dotted.len() {
                    queue.push(dotted.to_string());
                }
                return Some(prefix.to_string());
            }
            let exists = match dirs.get(prefix) {
                Some(&exists) => exists,
                None => {
                    let is_dir = || {
                        let mut dir = self.root.clone();
                        dir.extend(prefix.split('.'));
                        dir.is_dir()
                    };
                    let exists = (i > 0 || self.in_root(part)) && is_dir();
                    dirs.insert(prefix.to_string(), exists);
                    exists
                }
            };
            if !exists {
                return None;
            }
        }
        None
    }

    /// Every module with what reading and parsing gave: the collected ones, then the
    /// import-only ones (found, and every module parsed, now if not yet).
    pub fn all(&self) -> impl Iterator<Item = (&LoadedModule, &Loaded)> {
        self.collected
            .iter()
            .chain(self.import_only())
            .map(|module| (module, module.loaded()))
    }
}

/// Whether the directory of each dotted prefix looked at exists, by the prefix.
type Directories = rustc_hash::FxHashMap<String, bool>;

/// The file the module `name` would be imported from: `a/b.py` or `a/b/__init__.py`.
fn candidate(root: &Path, name: &str) -> Option<PathBuf> {
    if name.is_empty() || name.split('.').any(|p| p.starts_with('.')) {
        return None;
    }
    let base = name
        .split('.')
        .fold(root.to_path_buf(), |path, part| path.join(part));
    [base.with_extension("py"), base.join("__init__.py")]
        .into_iter()
        .find(|p| p.is_file())
}

/// The absolute dotted names an import statement names, added to `out`: `a.b.c` of `import
/// a.b.c` (which loads each of its prefixes), and `X` and `X.name` of `from X import name`
/// (relative ones resolved against the module). Called for every statement of a module, nested
/// ones too, in the order of the walk that [`guard::walk_with`](super::guard::walk_with) makes.
fn imported_names(module: &LoadedModule, stmt: &Stmt, out: &mut Vec<String>) {
    match stmt {
        Stmt::Import(import) => {
            for alias in &import.names {
                out.push(alias.name.id.as_str().to_owned());
            }
        }
        Stmt::ImportFrom(from) => {
            let name = from.module.as_ref().map(|m| m.id.as_str());
            let Ok(base) = module.absolute_module(from.level, name) else {
                return;
            };
            if !base.is_empty() {
                out.push(base.clone());
            }
            for alias in &from.names {
                let name = alias.name.id.as_str();
                let mut sub = String::with_capacity(base.len() + 1 + name.len());
                if !base.is_empty() {
                    sub.push_str(&base);
                    sub.push('.');
                }
                sub.push_str(name);
                out.push(sub);
            }
        }
        _ => {}
    }
}

fn module_name(root: &Path, path: &Path) -> (String, bool) {
    // A path the walk made is the root's bytes, a separator and names: read so, without walking
    // both paths' components (2,400 instructions a file). Anything else (`.`, `//`, a trailing
    // separator) goes the general way.
    let fast = path
        .as_os_str()
        .as_encoded_bytes()
        .strip_prefix(root.as_os_str().as_encoded_bytes())
        .and_then(|rest| rest.strip_prefix(b"/"))
        .filter(|rest| {
            rest.split(|b| *b == b'/')
                .all(|name| !matches!(name, b"" | b"."))
        });
    let mut parts: Vec<String> = match fast {
        Some(rest) => rest
            .split(|b| *b == b'/')
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect(),
        None => path
            .strip_prefix(root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect(),
    };
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
        Ok(text) => text.to_string(),
        Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
    })
}

fn load_one(loading: &LoadedModule, sources: &Sources) -> Loaded {
    let path: &Path = &loading.path;
    let mut module = Loaded::default();
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
            let mut imports = Vec::new();
            let refused = super::guard::walk_with(&suite, |stmt| {
                imported_names(loading, stmt, &mut imports);
            });
            if let Some((range, depth)) = refused.too_deep {
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
            // Python's compiler stops at the first of them in the file.
            let repeated = refused.repeated_keyword.map(|(name, range)| {
                (
                    format!("keyword argument repeated: {name}"),
                    range,
                    "Python refuses to compile the whole file; keep one of the two",
                )
            });
            let misplaced = refused.misplaced.map(|(message, range)| {
                (
                    message,
                    range,
                    "Python refuses to compile the whole file, even where this line never runs",
                )
            });
            let first = match (repeated, misplaced) {
                (Some(a), Some(b)) => Some(if b.1.start() < a.1.start() { b } else { a }),
                (a, b) => a.or(b),
            };
            if let Some((message, range, help)) = first {
                module.error = Some(
                    fail(
                        format!("syntax error: {message} (SyntaxError)"),
                        range.start().to_usize(),
                        range.end().to_usize(),
                    )
                    .with_help(help),
                );
                return module;
            }
            module.suite = Some(suite);
            module.imports = imports;
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

/// Decodes a Python source file as Python does: UTF-8 with an optional BOM, or the encoding its
/// coding cookie names (latin-1 and ASCII are understood). On failure: the byte offset, the
/// message and the help line.
fn decode(bytes: &[u8]) -> Result<Arc<str>, (usize, String, &'static str)> {
    if let Some(nul) = memchr::memchr(0, bytes) {
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
            return Ok(Arc::from(
                bytes.iter().map(|&b| b as char).collect::<String>(),
            ));
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
    // Copied once, into the text every report shares.
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Arc::from(text)),
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
        assert_eq!(&*decode(b"\xEF\xBB\xBFx = 1\n").unwrap(), "x = 1\n");
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

    fn write(root: &Path, files: &[(&str, &str)]) -> Vec<PathBuf> {
        files
            .iter()
            .map(|(name, text)| {
                let path = root.join(name);
                std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
                std::fs::write(&path, text).expect("write");
                path
            })
            .collect()
    }

    #[test]
    fn modules_parse_once_whoever_asks_first() {
        let dir = tempfile::tempdir().expect("tempdir");
        let names: Vec<String> = (0..64).map(|i| format!("m{i}.py")).collect();
        let files: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "x = 1\n")).collect();
        let paths = write(dir.path(), &files);
        let sources = Sources::default();
        let modules = Modules::new(dir.path(), &paths, &sources);
        // The asking thread goes backwards while the others parse ahead: each caller gets the
        // module, parsed by whichever thread took it.
        rayon::in_place_scope(|scope| {
            for _ in 0..3 {
                scope.spawn(|_| while modules.parse_next() {});
            }
            for index in (0..paths.len()).rev() {
                assert_eq!(modules.loaded(index).suite.as_ref().map(Vec::len), Some(1));
            }
        });
        assert!(modules.all().all(|(_, loaded)| loaded.error.is_none()));
        assert!(modules.import_only().is_empty());
    }

    #[test]
    fn a_directory_answer_holds_for_its_own_dotted_prefix_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = write(
            dir.path(),
            &[
                ("main.py", ""),
                ("sub.py", ""),
                ("helpers/__init__.py", ""),
                ("helpers/sub/leaf.py", ""),
            ],
        );
        let modules = Modules::new(dir.path(), &paths[..1], &Sources::default());
        let mut known = rustc_hash::FxHashSet::default();
        let mut dirs = Directories::default();
        let mut queue = Vec::new();
        let mut next = |dotted: &str| {
            let name = modules.next_import(dotted, &mut known, &mut dirs, &mut queue);
            queue.clear();
            name
        };
        // `sub` is a file, so nothing is below it; `helpers.sub` is a directory all the same.
        assert_eq!(next("sub.leaf").as_deref(), Some("sub"));
        assert_eq!(next("sub.leaf"), None);
        assert_eq!(next("helpers.sub.leaf").as_deref(), Some("helpers"));
        assert_eq!(next("helpers.sub.leaf").as_deref(), Some("helpers.sub"));
        assert_eq!(
            next("helpers.sub.leaf").as_deref(),
            Some("helpers.sub.leaf")
        );
        // Nothing is below a top-level name the root directory does not hold.
        assert_eq!(next("tecton.types").as_deref(), Some("tecton"));
        assert_eq!(next("tecton.types"), None);
        assert_eq!(dirs.get("tecton"), Some(&false));
    }

    #[test]
    fn import_only_modules_are_found_from_the_imports() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = write(
            dir.path(),
            &[
                (
                    "main.py",
                    "import helpers.factory\nimport sub.leaf\ndef f():\n    from extra import y\n",
                ),
                ("helpers/__init__.py", ""),
                // A directory's answer is kept by its dotted prefix: `helpers.sub` is a
                // directory, the root's `sub` is not.
                ("helpers/sub/__init__.py", ""),
                ("helpers/sub/leaf.py", "q = 4\n"),
                ("sub.py", "leaf = 5\n"),
                // A name of thousands of parts looks only at the directories that exist.
                (
                    "helpers/factory.py",
                    &format!(
                        "from .deep import z\nimport helpers.{}\nimport nowhere.{}\n",
                        ["a"; 5_000].join("."),
                        ["a"; 5_000].join(".")
                    ),
                ),
                ("helpers/deep.py", "z = 1\n"),
                (
                    "extra.py",
                    "from helpers.sub.leaf import q\nimport helpers.sub\ny = 2\n",
                ),
                ("unused.py", "w = 3\n"),
            ],
        );
        let sources = Sources::default();
        let modules = Modules::new(dir.path(), &paths[..1], &sources);
        // Names no file of the root answers never wait for the parse of every module.
        assert!(!modules.may_be_import_only("tecton"));
        assert!(!modules.may_hold_import_only("tecton"));
        assert!(!modules.may_be_import_only("main"));
        assert!(modules.may_be_import_only("helpers.factory"));
        assert!(modules.may_hold_import_only("helpers"));
        let mut found: Vec<&str> = modules
            .import_only()
            .iter()
            .map(|m| m.name.as_str())
            .collect();
        found.sort_unstable();
        assert_eq!(
            found,
            [
                "extra",
                "helpers",
                "helpers.deep",
                "helpers.factory",
                "helpers.sub",
                "helpers.sub.leaf",
                "sub"
            ]
        );
        assert!(modules
            .all()
            .all(|(m, _)| m.import_only || m.name == "main"));
        assert_eq!(modules.module(1).name, modules.import_only()[0].name);
        // A file of the root that no module imports is no import-only module.
        assert!(modules.may_be_import_only("unused"));
        assert!(modules.import_only().iter().all(|m| m.name != "unused"));
    }

    #[test]
    fn a_parse_that_panicked_panics_again_where_it_is_read() {
        let loaded = Loaded {
            panicked: Some("reading x.py: boom".into()),
            ..Loaded::default()
        };
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            loaded.checked();
        }));
        assert!(read.is_err());
        let fine = Loaded {
            panicked: None,
            ..loaded
        };
        assert!(fine.checked().suite.is_none());
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
        // A path the walk made reads as the same path through a `.`, which goes the general way
        // (by components); paths the walk did not make read as their components say.
        for (root, relative) in [
            ("/r", "v1.2/x.draft.py"),
            ("/r", "a/b.py"),
            ("/r", "é/__init__.py"),
            ("/r", "a.py.py"),
            ("/r", ".py"),
            ("/", "a/b.py"),
        ] {
            let root = Path::new(root);
            assert_eq!(
                module_name(root, &root.join(relative)),
                module_name(root, &root.join(".").join(relative)),
                "{relative:?} in {root:?}"
            );
        }
        assert_eq!(
            module_name(root, Path::new("/r//a//b.py")),
            ("a.b".into(), false)
        );
        assert_eq!(module_name(root, Path::new("/r/a/")), ("a".into(), false));
        assert_eq!(module_name(root, Path::new("/r/")), ("".into(), false));
        assert_eq!(
            module_name(Path::new("/r/"), Path::new("/r/a.py")),
            ("a".into(), false)
        );
        assert_eq!(
            module_name(root, Path::new("/rr/a.py")),
            ("/.rr.a".into(), false)
        );
    }
}
