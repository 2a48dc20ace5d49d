//! Finding feature repository roots and the Python files Tecton would import from each, the way the
//! Tecton CLI does (`tecton_core/repo_file_handler.py`): a root is the nearest ancestor holding a
//! `.tecton` marker, below `$HOME`; its files are every `*.py` under it except hidden paths, virtual
//! environments and the matches of `<root>/.tectonignore` (pathspec's gitwildmatch semantics). Where
//! Tecton has nothing to say or would fail (a path with no marker above it, broken symlinks,
//! unreadable directories) this module searches downwards for roots and reports problems as
//! diagnostics instead. It reads directory listings, `.tectonignore`, and opens `.tecton` to see
//! that it is readable; it never opens a `.py` file.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::Match;
use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Span};

/// What made a directory a root.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Marker {
    /// `.tecton` is a file (an empty one since SDK 0.3), or anything else that exists and is not a
    /// directory: Tecton only asks whether `.tecton` exists.
    File,
    /// `.tecton` is a directory (repositories initialised before 0.3).
    Directory,
    /// No `.tecton` anywhere, but this directory holds `repo.yaml` and Python files below it import
    /// `tecton` (the downward search's fallback): `tecton init` run here would keep the
    /// `repo.yaml` and add the marker.
    RepoYamlOnly,
    /// No `.tecton` and no `repo.yaml` anywhere, but Python files below import `tecton`: the
    /// layout of a repository that git-ignores both and runs `tecton init` in CI (Tecton's sample
    /// repository). The root is where that `tecton init` would run: the directory the Python
    /// files' own absolute imports resolve from (Tecton puts the root on `sys.path`), else the
    /// directory named on the command line.
    Inferred,
}

impl Marker {
    /// Whether the root has its `.tecton` marker (Tecton itself finds only those).
    pub fn is_marked(self) -> bool {
        matches!(self, Marker::File | Marker::Directory)
    }
}

/// A feature repository root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root {
    /// Absolute, with symlinks resolved (Tecton works from the resolved current directory).
    pub path: PathBuf,
    pub marker: Marker,
}

/// The roots for a path given on the command line, sorted by path, and the problems met on the way.
#[derive(Clone, Debug, Default)]
pub struct Discovery {
    pub roots: Vec<Root>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The files Tecton would import from one root: absolute paths, sorted, each real file once.
#[derive(Clone, Debug, Default)]
pub struct FileSet {
    pub files: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}

const MARKER: &str = ".tecton";
const REPO_CONFIG: &str = "repo.yaml";
const VENV_MARKER: &str = "pyvenv.cfg";
const IGNORE_FILE: &str = ".tectonignore";

const INIT_HELP: &str = concat!(
    "run `tecton init` in the feature repository's directory, ",
    "or pass the path of a directory holding `.tecton`"
);

/// Finds the roots for `path` (a file or directory, relative to the current directory or absolute).
/// `home` is `$HOME`, `None` when it is unset.
///
/// Upwards first, exactly as Tecton: from `path` (from its directory if it is a file) towards `/`,
/// the first directory holding `.tecton` is the only root. Neither `home` itself nor anything above it
/// is examined, nor is `/` (Tecton's loop is `while d.parent != d and d != Path.home()`).
///
/// With no marker above, the directory `path` is searched downwards (not into hidden directories,
/// virtual environments, `node_modules`, directory symlinks, or a root once found): every directory
/// holding `.tecton` is a root; when there is none, every directory holding a `repo.yaml` file is
/// ([`Marker::RepoYamlOnly`]), outermost only. A file `path` has nothing below it: only its own
/// directory's `repo.yaml` is considered. A `.tecton` in `home` never makes a root.
///
/// A `.tecton` counts exactly when Tecton's `Path.exists()` would say it exists: a `.tecton` that is
/// there but cannot be read (no read permission, or a FIFO, socket or device) still makes its
/// directory a root, because Tecton never reads it, and gets a TP004 diagnostic. A `.tecton` that
/// is a broken or looping symlink does not exist for Tecton: TP004, and the search goes on above it.
pub fn find_roots(path: &Path, home: Option<&Path>) -> Discovery {
    let mut diagnostics = Vec::new();
    let start = match resolve_start(path) {
        Ok(start) => start,
        Err(message) => {
            let diagnostic = Diagnostic::new("TP004", message).with_help(
                "pass the path of a feature repository (a directory holding `.tecton`), or a file \
                 inside one",
            );
            return Discovery {
                roots: Vec::new(),
                diagnostics: vec![diagnostic],
            };
        }
    };
    let homes = home_forms(home);
    let is_home = |dir: &Path| homes.iter().any(|h| h == dir);

    let mut dir = start.dir.as_path();
    while !is_home(dir) {
        let Some(parent) = dir.parent() else { break };
        if let Some(marker) = probe_marker(dir, &mut diagnostics) {
            return Discovery {
                roots: vec![Root {
                    path: dir.to_path_buf(),
                    marker,
                }],
                diagnostics,
            };
        }
        dir = parent;
    }

    let roots = if start.is_dir {
        search_down(&start.dir, &is_home, &mut diagnostics)
    } else if is_regular_file(&start.dir.join(REPO_CONFIG))
        && !tecton_files(&python_files_below(&start.dir)).is_empty()
    {
        vec![Root {
            path: start.dir.clone(),
            marker: Marker::RepoYamlOnly,
        }]
    } else {
        // A named file (pre-commit passes them) is placed only by its own imports: without them
        // its directory is no better a guess than any other.
        let named = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        import_roots(&start.dir, &tecton_files(&[named]), &is_home)
            .into_iter()
            .filter(|dir| !is_home(dir))
            .map(|path| Root {
                path,
                marker: Marker::Inferred,
            })
            .collect()
    };
    sort_diagnostics(&mut diagnostics);
    if roots.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                "TP004",
                format!(
                    "no feature repository root found at or above {}, nor below it",
                    path.display()
                ),
            )
            .with_help(INIT_HELP),
        );
    }
    Discovery { roots, diagnostics }
}

struct Start {
    /// The directory the upward search starts in (canonical).
    dir: PathBuf,
    is_dir: bool,
}

/// The start of the search, or why there is none.
fn resolve_start(path: &Path) -> Result<Start, String> {
    let absolute = std::path::absolute(path)
        .map_err(|err| format!("cannot resolve the path {}: {err}", path.display()))?;
    let canonical = fs::canonicalize(&absolute);
    // A link that leads nowhere (dangling, looping) is still a file of its folder, which Tecton
    // collects and fails to import: the search starts beside it.
    if canonical.is_err() && fs::symlink_metadata(&absolute).is_ok_and(|m| m.is_symlink()) {
        if let Some(Ok(dir)) = absolute.parent().map(fs::canonicalize) {
            return Ok(Start { dir, is_dir: false });
        }
    }
    let canonical = canonical.map_err(|err| {
        if err.kind() == io::ErrorKind::NotFound {
            format!("the path {} does not exist", path.display())
        } else {
            format!("cannot access the path {}: {err}", path.display())
        }
    })?;
    let meta = fs::metadata(&canonical)
        .map_err(|err| format!("cannot access the path {}: {err}", path.display()))?;
    if meta.is_dir() {
        return Ok(Start {
            dir: canonical,
            is_dir: true,
        });
    }
    match canonical.parent() {
        Some(parent) => Ok(Start {
            dir: parent.to_path_buf(),
            is_dir: false,
        }),
        None => Err(format!("{} is not a directory", path.display())),
    }
}

/// `home` as given (made absolute) and with symlinks resolved: the start is canonical, and Tecton
/// compares against `$HOME` verbatim, so either spelling stops the search.
fn home_forms(home: Option<&Path>) -> Vec<PathBuf> {
    let Some(home) = home.filter(|h| !h.as_os_str().is_empty()) else {
        return Vec::new();
    };
    let mut forms = Vec::new();
    if let Ok(absolute) = std::path::absolute(home) {
        if let Ok(canonical) = fs::canonicalize(&absolute) {
            if canonical != absolute {
                forms.push(canonical);
            }
        }
        forms.push(absolute);
    }
    forms
}

/// Whether `dir/.tecton` exists in Tecton's sense, and as what. Problems with it become TP004.
fn probe_marker(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<Marker> {
    let marker = dir.join(MARKER);
    let lmeta = match fs::symlink_metadata(&marker) {
        Ok(meta) => meta,
        Err(err) if is_absent(&err) => return None,
        Err(err) => {
            diagnostics.push(
                Diagnostic::new(
                    "TP004",
                    format!("cannot check whether {} exists: {err}", marker.display()),
                )
                .at(Span::whole_file(&marker))
                .with_help(format!(
                    "make {} searchable (`chmod +x`): Tecton fails on it too",
                    dir.display()
                )),
            );
            return None;
        }
    };
    let meta = if lmeta.file_type().is_symlink() {
        match fs::metadata(&marker) {
            Ok(meta) => meta,
            Err(err) => {
                let what = if is_loop_error(&err) {
                    "a symlink loop".to_string()
                } else if err.kind() == io::ErrorKind::NotFound {
                    "a broken symlink".to_string()
                } else {
                    format!("a symlink that cannot be followed ({err})")
                };
                diagnostics.push(
                    Diagnostic::new(
                        "TP004",
                        format!(
                            "{} is {what}, so Tecton does not treat {} as a feature repository root",
                            marker.display(),
                            dir.display()
                        ),
                    )
                    .at(Span::whole_file(&marker))
                    .with_help("replace it with an empty file: `rm .tecton && touch .tecton`"),
                );
                return None;
            }
        }
    } else {
        lmeta
    };
    let unreadable = |diagnostics: &mut Vec<Diagnostic>, reason: String| {
        diagnostics.push(
            Diagnostic::new("TP004", format!("{} {reason}", marker.display()))
                .at(Span::whole_file(&marker))
                .with_help("make it an empty, readable file: `rm -r .tecton && touch .tecton`"),
        );
    };
    if meta.is_dir() {
        if let Err(err) = fs::read_dir(&marker) {
            unreadable(diagnostics, format!("cannot be read: {err}"));
        }
        Some(Marker::Directory)
    } else if meta.is_file() {
        if let Err(err) = fs::File::open(&marker) {
            unreadable(diagnostics, format!("cannot be read: {err}"));
        }
        Some(Marker::File)
    } else {
        unreadable(
            diagnostics,
            "is neither a file nor a directory (a FIFO, socket or device)".to_string(),
        );
        Some(Marker::File)
    }
}

fn search_down(
    start: &Path,
    is_home: &dyn Fn(&Path) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Root> {
    let mut marked = Vec::new();
    let mut configured = Vec::new();
    // For the fallbacks: whether a Python file below imports `tecton`.
    let mut python = Vec::new();
    let mut stack = vec![start.to_path_buf()];
    while let Some(dir) = stack.pop() {
        crate::progress::directory_read();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                diagnostics.push(
                    Diagnostic::new(
                        "TP004",
                        format!(
                            "cannot search {} for feature repository roots: {err}",
                            dir.display()
                        ),
                    )
                    .at(Span::whole_file(&dir))
                    .with_help("make the directory readable, or pass the path of the root itself"),
                );
                continue;
            }
        };
        let (mut has_marker, mut has_config, mut is_venv) = (false, false, false);
        let mut subdirs = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name();
            if name == MARKER {
                has_marker = true;
            } else if name == REPO_CONFIG {
                has_config = true;
            } else if name == VENV_MARKER {
                is_venv = true;
            } else if !is_hidden(&name)
                && name != "node_modules"
                && entry.file_type().is_ok_and(|t| t.is_dir())
            {
                subdirs.push(entry.path());
            } else if !is_hidden(&name)
                && Path::new(&name).extension().is_some_and(|e| e == "py")
                && entry.file_type().is_ok_and(|t| t.is_file())
            {
                python.push(entry.path());
            }
        }
        // The start's own `.tecton` was examined by the upward search (or is `$HOME`'s).
        let is_start = dir == start;
        if is_venv && !is_start {
            continue;
        }
        if has_marker && !is_start && !is_home(&dir) {
            if let Some(marker) = probe_marker(&dir, diagnostics) {
                marked.push(Root { path: dir, marker });
                continue;
            }
        }
        if has_config && is_regular_file(&dir.join(REPO_CONFIG)) {
            configured.push(dir);
        }
        stack.extend(subdirs);
    }
    if !marked.is_empty() {
        marked.sort_by(|a, b| a.path.cmp(&b.path));
        return marked;
    }
    // Without a marker, a directory is a root only on evidence that it is a Tecton repository:
    // Python files below it import `tecton` (a `repo.yaml` alone is a common name).
    let tecton = tecton_files(&python);
    // Sorted component-wise, a directory comes right before its subtree.
    configured.sort();
    let mut roots: Vec<Root> = Vec::new();
    for dir in configured {
        if roots
            .last()
            .is_some_and(|outer| dir.starts_with(&outer.path))
            || !tecton.iter().any(|(file, _)| file.starts_with(&dir))
        {
            continue;
        }
        roots.push(Root {
            path: dir,
            marker: Marker::RepoYamlOnly,
        });
    }
    if roots.is_empty() && !tecton.is_empty() {
        let mut anchors = import_roots(start, &tecton, is_home);
        if anchors.is_empty() {
            // No import says where the root is: the directory named, as `tecton init` run there.
            anchors.push(start.to_path_buf());
        }
        roots = anchors
            .into_iter()
            .filter(|dir| !is_home(dir))
            .map(|path| Root {
                path,
                marker: Marker::Inferred,
            })
            .collect();
    }
    roots
}

/// The `.py` files below `dir`, walked as the downward search walks (not into hidden directories,
/// virtual environments, `node_modules` or directory symlinks).
fn python_files_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        crate::progress::directory_read();
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let entries: Vec<fs::DirEntry> = entries.flatten().collect();
        if entries.iter().any(|e| e.file_name() == VENV_MARKER) {
            continue;
        }
        for entry in entries {
            let name = entry.file_name();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if is_hidden(&name) {
                continue;
            }
            if kind.is_dir() && name != "node_modules" {
                stack.push(entry.path());
            } else if kind.is_file() && Path::new(&name).extension().is_some_and(|e| e == "py") {
                files.push(entry.path());
            }
        }
    }
    files
}

/// How much of a file is read to find its imports: they come first in practice, and a marker
/// search must not read a large generated file whole.
const IMPORT_SCAN_BYTES: u64 = 256 * 1024;

/// The files among `files` that import `tecton`, each with the first components of its other
/// absolute imports (`from fraud.entities import user` gives `fraud`).
///
/// This is evidence for where a root is, not analysis: lines are scanned as text (an import inside
/// a docstring counts too), which is enough to tell a feature repository from other Python, and
/// leaves the parser to `python/`, which reads only the roots' files.
fn tecton_files(files: &[PathBuf]) -> Vec<(PathBuf, Vec<String>)> {
    files
        .par_iter()
        .filter_map(|file| {
            let mut text = Vec::new();
            let read = fs::File::open(file).and_then(|f| {
                io::Read::read_to_end(&mut io::Read::take(f, IMPORT_SCAN_BYTES), &mut text)
            });
            read.ok()?;
            let text = String::from_utf8_lossy(&text);
            let heads = import_heads(&text);
            let imports_tecton = heads.iter().any(|h| h == "tecton");
            imports_tecton.then(|| {
                let local = heads.into_iter().filter(|h| h != "tecton").collect();
                (file.clone(), local)
            })
        })
        .collect()
}

/// The first component of every absolute module an `import` or `from ... import` line names.
fn import_heads(text: &str) -> Vec<String> {
    let identifier = |s: &str| -> Option<String> {
        let head: String = s
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let valid = head.chars().next().is_some_and(|c| !c.is_ascii_digit());
        valid.then_some(head)
    };
    let mut heads: Vec<String> = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        let modules: Vec<&str> = if let Some(rest) = line.strip_prefix("from ") {
            // `from . import x` and `from .pkg import x` are relative: no head.
            if rest.trim_start().starts_with('.') {
                continue;
            }
            vec![rest]
        } else if let Some(rest) = line.strip_prefix("import ") {
            rest.split(',').collect()
        } else {
            continue;
        };
        for module in modules {
            if let Some(head) = identifier(module) {
                if !heads.contains(&head) {
                    heads.push(head);
                }
            }
        }
    }
    heads
}

/// Where `tecton init` would have been run for these files: for each file, the outermost
/// directory from `start` down to the file's own from which one of its absolute imports resolves
/// (`fraud/` or `fraud.py` there, for `from fraud.entities import user`), since Tecton imports
/// every module with the root on `sys.path`; failing that, the nearest directory above `start`
/// from which one resolves (`check spark/fraud` names a directory inside the root), below `$HOME`
/// as Tecton's own search. The outermost of those directories are the roots; empty when no import
/// resolves anywhere.
fn import_roots(
    start: &Path,
    files: &[(PathBuf, Vec<String>)],
    is_home: &dyn Fn(&Path) -> bool,
) -> Vec<PathBuf> {
    let mut anchors: Vec<PathBuf> = Vec::new();
    for (file, heads) in files {
        let Some(dir) = file.parent() else { continue };
        let Ok(below) = dir.strip_prefix(start) else {
            continue;
        };
        let resolves = |level: &Path| {
            heads.iter().any(|head| {
                level.join(head).is_dir() || is_regular_file(&level.join(format!("{head}.py")))
            })
        };
        let mut candidate = start.to_path_buf();
        let mut levels = vec![candidate.clone()];
        for component in below.components() {
            candidate.push(component);
            levels.push(candidate.clone());
        }
        let anchor = levels
            .into_iter()
            .find(|level| resolves(level))
            .or_else(|| {
                start
                    .ancestors()
                    .skip(1)
                    .take_while(|dir| !is_home(dir) && dir.parent().is_some())
                    .find(|dir| resolves(dir))
                    .map(Path::to_path_buf)
            });
        anchors.extend(anchor);
    }
    anchors.sort();
    anchors.dedup();
    let mut roots: Vec<PathBuf> = Vec::new();
    for anchor in anchors {
        if !roots.last().is_some_and(|outer| anchor.starts_with(outer)) {
            roots.push(anchor);
        }
    }
    roots
}

/// Collects the `.py` files Tecton would import from `root` (absolute, or relative to the current
/// directory; listed paths start with it, made absolute).
///
/// Left out: any path with a component below the root that starts with `.`; every directory below
/// the root that holds `pyvenv.cfg`, with its subtree; whatever `<root>/.tectonignore` matches
/// (no other ignore file is read, `.gitignore` included).
///
/// `.tectonignore` follows pathspec's gitwildmatch, which Tecton uses, rather than git: patterns
/// are trimmed on both sides, and a file is ignored when the last pattern matching the file or
/// any of its directories is not a negation, so `dir/` then `!dir/keep.py` keeps `dir/keep.py`
/// (git would not). An ignored directory is not read unless a later negation could re-include
/// something below it. Lines Tecton would reject (a lone `!`, a trailing unescaped `\`) and
/// patterns that do not compile get a TP001 each and are skipped.
///
/// Symlinks to `.py` files are followed, as Tecton does; symlinks to directories are not entered
/// (Tecton's `root.glob("**/*")` never descends into them, in any Python version: the SDK 1.2
/// loader run on such a tree does not list the files below a directory symlink);
/// [`collect_files_with`] can follow them. Tecton resolves each path and so imports a file reached
/// several ways once: such a file is listed once, under its symlink-free path when the walk reached
/// it directly, else under the smallest of its paths (hard links stay separate files).
///
/// TP001 for: a `*.py` symlink that is broken, loops or cannot be followed; a `*.py` symlink to a
/// file outside the root (still listed: Tecton resolves it, and its module name, the path relative
/// to the root, fails); a `*.py` that is a FIFO, socket or device; a directory reached again below
/// itself (a symlink loop: not entered); any directory or entry that cannot be read. A `.py` file
/// that exists but cannot be opened is listed: reading it is the loader's job, which reports it.
pub fn collect_files(root: &Path) -> FileSet {
    collect_files_with(root, CollectOptions::default())
}

/// Choices [`collect_files`] makes as Tecton does, for callers that want otherwise.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CollectOptions {
    /// Walk into symlinks to directories (inside the root or out), reporting loops. Tecton does not.
    pub follow_dir_symlinks: bool,
}

/// [`collect_files`] with `options`.
pub fn collect_files_with(root: &Path, options: CollectOptions) -> FileSet {
    let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    let mut ignore = TectonIgnore::load(&root);
    let mut diagnostics = std::mem::take(&mut ignore.diagnostics);
    let context = Context {
        ignore,
        options,
        real_root: fs::canonicalize(&root).unwrap_or_else(|_| root.clone()),
    };
    let mut found = Vec::new();
    walk(&root, &context, &mut found, &mut diagnostics);
    sort_diagnostics(&mut diagnostics);

    found.sort_unstable_by(|a, b| crate::model::path_order(&a.path, &b.path));
    let direct: HashSet<&NodeId> = found
        .iter()
        .filter(|f| !f.via_link)
        .filter_map(|f| f.id.as_ref())
        .collect();
    let mut seen: HashSet<&NodeId> = HashSet::new();
    let keep: Vec<bool> = found
        .iter()
        .map(|f| match (&f.id, f.via_link) {
            (Some(id), true) => !direct.contains(id) && seen.insert(id),
            _ => true,
        })
        .collect();
    let files = found
        .iter()
        .zip(keep)
        .filter(|(_, keep)| *keep)
        .map(|(f, _)| f.path.clone())
        .collect();
    FileSet { files, diagnostics }
}

/// What identifies a file or directory whatever path reaches it.
#[cfg(unix)]
type NodeId = (u64, u64);
#[cfg(not(unix))]
type NodeId = PathBuf;

#[cfg(unix)]
fn node_id(_path: &Path, meta: &fs::Metadata) -> Option<NodeId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn node_id(path: &Path, _meta: &fs::Metadata) -> Option<NodeId> {
    fs::canonicalize(path).ok()
}

/// The id of a regular file seen in a listing, without a `stat` where the platform allows.
#[cfg(unix)]
fn listed_file_id(entry: &fs::DirEntry, dir: Option<&NodeId>, _via_link: bool) -> Option<NodeId> {
    use std::os::unix::fs::DirEntryExt;
    dir.map(|(dev, _)| (*dev, entry.ino()))
}

#[cfg(not(unix))]
fn listed_file_id(entry: &fs::DirEntry, _dir: Option<&NodeId>, via_link: bool) -> Option<NodeId> {
    if via_link {
        fs::canonicalize(entry.path()).ok()
    } else {
        Some(entry.path())
    }
}

/// What every directory visit needs.
struct Context {
    ignore: TectonIgnore,
    options: CollectOptions,
    /// The root with symlinks resolved, to tell where a symlink's target lies.
    real_root: PathBuf,
}

struct Found {
    path: PathBuf,
    id: Option<NodeId>,
    /// Reached through at least one symlink (the file itself or a directory above it).
    via_link: bool,
}

/// The directories being walked from the root down to one directory, to see loops.
struct Chain {
    id: Option<NodeId>,
    path: PathBuf,
    parent: Option<Arc<Chain>>,
}

impl Chain {
    fn find(&self, id: &NodeId) -> Option<&Path> {
        let mut link = Some(self);
        while let Some(chain) = link {
            if chain.id.as_ref() == Some(id) {
                return Some(&chain.path);
            }
            link = chain.parent.as_deref();
        }
        None
    }
}

struct Pending {
    path: PathBuf,
    /// Relative to the root, for `.tectonignore`.
    rel: PathBuf,
    chain: Arc<Chain>,
    /// The last `.tectonignore` pattern matching this directory or one above it.
    verdict: Option<Verdict>,
    via_link: bool,
}

enum Kind {
    Dir,
    File,
    Other,
}

/// What one directory yields: its files, its problems, and the subdirectories to walk next.
#[derive(Default)]
struct Visit {
    found: Vec<Found>,
    diagnostics: Vec<Diagnostic>,
    children: Vec<Pending>,
}

/// Walks level by level, each level's directories in parallel: no recursion (symlinks can make
/// paths deep), and syscalls, the bulk of the cost, overlap.
fn walk(root: &Path, context: &Context, found: &mut Vec<Found>, diagnostics: &mut Vec<Diagnostic>) {
    let root_id = fs::metadata(root)
        .ok()
        .and_then(|meta| node_id(root, &meta));
    let mut level = vec![Pending {
        path: root.to_path_buf(),
        rel: PathBuf::new(),
        chain: Arc::new(Chain {
            id: root_id,
            path: root.to_path_buf(),
            parent: None,
        }),
        verdict: None,
        via_link: false,
    }];
    let mut is_root = true;
    while !level.is_empty() {
        let visits: Vec<Visit> = level
            .into_par_iter()
            .map(|dir| {
                let mut visit = Visit::default();
                visit.dir(context, dir, is_root);
                visit
            })
            .collect();
        is_root = false;
        level = Vec::new();
        for mut visit in visits {
            found.append(&mut visit.found);
            diagnostics.append(&mut visit.diagnostics);
            level.append(&mut visit.children);
        }
    }
}

impl Visit {
    fn dir(&mut self, context: &Context, dir: Pending, is_root: bool) {
        crate::progress::directory_read();
        let listing = match fs::read_dir(&dir.path) {
            Ok(listing) => listing,
            Err(err) => {
                self.diagnostics.push(
                    Diagnostic::new(
                        "TP001",
                        format!("cannot read the directory {}: {err}", dir.path.display()),
                    )
                    .at(Span::whole_file(&dir.path))
                    .with_help(
                        "make the directory readable, or list it in .tectonignore: Tecton silently \
                         skips directories it cannot read, so the files in it would not be applied",
                    ),
                );
                return;
            }
        };
        let mut entries = Vec::new();
        for entry in listing {
            match entry {
                Ok(entry) => entries.push(entry),
                Err(err) => self.diagnostics.push(
                    Diagnostic::new(
                        "TP001",
                        format!(
                            "cannot read an entry of the directory {}: {err}",
                            dir.path.display()
                        ),
                    )
                    .at(Span::whole_file(&dir.path)),
                ),
            }
        }
        if !is_root && entries.iter().any(|e| e.file_name() == VENV_MARKER) {
            return;
        }
        for entry in entries {
            let name = entry.file_name();
            if is_hidden(&name) {
                continue;
            }
            self.entry(context, &dir, &entry, &name);
        }
    }

    fn entry(&mut self, context: &Context, dir: &Pending, entry: &fs::DirEntry, name: &OsStr) {
        let ignore = &context.ignore;
        let follow_dirs = context.options.follow_dir_symlinks;
        let path = dir.path.join(name);
        let is_py = name.as_encoded_bytes().ends_with(b".py");
        let file_type = match entry.file_type() {
            Ok(file_type) => file_type,
            Err(err) => {
                self.cannot_read(&path, &err);
                return;
            }
        };
        let is_link = file_type.is_symlink();
        if is_link && !is_py && !follow_dirs {
            // Only a `*.py` name can make a symlink matter when directory links are not entered.
            return;
        }
        let (kind, meta) = if is_link {
            match fs::metadata(&path) {
                Ok(meta) => (kind_of(&meta), Some(meta)),
                Err(err) => {
                    self.unfollowable(&path, is_py, &err);
                    return;
                }
            }
        } else if file_type.is_dir() {
            (Kind::Dir, None)
        } else if file_type.is_file() {
            (Kind::File, None)
        } else {
            (Kind::Other, None)
        };
        let via_link = dir.via_link || is_link;
        match kind {
            Kind::File if is_py => {
                let rel = dir.rel.join(name);
                if ignore
                    .verdict(dir.verdict, &rel, false)
                    .is_some_and(|v| v.ignored)
                {
                    return;
                }
                let id = match &meta {
                    Some(meta) => node_id(&path, meta),
                    None => listed_file_id(entry, dir.chain.id.as_ref(), via_link),
                };
                if is_link {
                    self.check_link_target(context, &path);
                }
                self.found.push(Found { path, id, via_link });
            }
            Kind::File => {}
            Kind::Other => {
                if is_py {
                    self.diagnostics.push(
                        Diagnostic::new(
                            "TP001",
                            format!(
                                "{} is not a regular file (a FIFO, socket or device)",
                                path.display()
                            ),
                        )
                        .at(Span::whole_file(&path))
                        .with_help("remove it, or list it in .tectonignore"),
                    );
                }
            }
            Kind::Dir if is_link && !follow_dirs => {}
            Kind::Dir => {
                let rel = dir.rel.join(name);
                let verdict = ignore.verdict(dir.verdict, &rel, true);
                if verdict.is_some_and(|v| v.ignored && !ignore.can_reinclude_after(v.line)) {
                    return;
                }
                let meta = match meta {
                    Some(meta) => Some(meta),
                    None => entry.metadata().ok(),
                };
                let id = meta.as_ref().and_then(|meta| node_id(&path, meta));
                if let Some(ancestor) = id.as_ref().and_then(|id| dir.chain.find(id)) {
                    self.diagnostics.push(
                        Diagnostic::new(
                            "TP001",
                            format!(
                                "symlink loop: {} points back to {}",
                                path.display(),
                                ancestor.display()
                            ),
                        )
                        .at(Span::whole_file(&path))
                        .with_help(
                            "remove the symlink or list it in .tectonignore; it is not followed",
                        ),
                    );
                    return;
                }
                self.children.push(Pending {
                    chain: Arc::new(Chain {
                        id,
                        path: path.clone(),
                        parent: Some(dir.chain.clone()),
                    }),
                    path,
                    rel,
                    verdict,
                    via_link,
                });
            }
        }
    }

    /// Tecton imports a `.py` symlink under its resolved path, named after that path relative to
    /// the root: a target outside the root makes the import fail.
    fn check_link_target(&mut self, context: &Context, link: &Path) {
        let Ok(target) = fs::canonicalize(link) else {
            return;
        };
        if target.starts_with(&context.real_root) {
            return;
        }
        self.diagnostics.push(
            Diagnostic::new(
                "TP001",
                format!(
                    "{} is a symlink to {}, outside the root: Tecton resolves it and cannot \
                     import it (its path is not relative to the root)",
                    link.display(),
                    target.display()
                ),
            )
            .at(Span::whole_file(link))
            .with_help("copy the file into the feature repository instead of linking it"),
        );
    }

    fn cannot_read(&mut self, path: &Path, err: &io::Error) {
        self.diagnostics.push(
            Diagnostic::new("TP001", format!("cannot read {}: {err}", path.display()))
                .at(Span::whole_file(path)),
        );
    }

    /// A symlink whose target cannot be reached. Only `*.py` ones matter to Tecton, which would try
    /// to import them, and any that fails for a reason other than a missing target or a loop (it
    /// may hide a directory).
    fn unfollowable(&mut self, path: &Path, is_py: bool, err: &io::Error) {
        let message = if is_loop_error(err) {
            format!("symlink loop: {} points back to itself", path.display())
        } else if err.kind() == io::ErrorKind::NotFound {
            let target = fs::read_link(path)
                .map(|t| format!(" (to {})", t.display()))
                .unwrap_or_default();
            format!(
                "broken symlink: {}{target} points to nothing",
                path.display()
            )
        } else {
            self.cannot_read(path, err);
            return;
        };
        if is_py {
            self.diagnostics.push(
                Diagnostic::new("TP001", message)
                    .at(Span::whole_file(path))
                    .with_help("fix or remove the symlink, or list it in .tectonignore"),
            );
        }
    }
}

fn kind_of(meta: &fs::Metadata) -> Kind {
    if meta.is_dir() {
        Kind::Dir
    } else if meta.is_file() {
        Kind::File
    } else {
        Kind::Other
    }
}

/// The last `.tectonignore` pattern (by line) matching a path or a directory above it.
#[derive(Clone, Copy, Debug)]
struct Verdict {
    line: usize,
    ignored: bool,
}

/// `<root>/.tectonignore`, compiled. Each glob carries its 0-based line number as its `from`, so
/// that matches along a path can be ordered as pathspec orders them (last line wins).
struct TectonIgnore {
    matcher: Option<Gitignore>,
    /// The last line holding a negation, if any.
    last_negation: Option<usize>,
    diagnostics: Vec<Diagnostic>,
}

impl TectonIgnore {
    fn load(root: &Path) -> TectonIgnore {
        let path = root.join(IGNORE_FILE);
        let mut ignore = TectonIgnore {
            matcher: None,
            last_negation: None,
            diagnostics: Vec::new(),
        };
        let bytes = match crate::source::read_regular(&path) {
            Ok(bytes) => bytes,
            // Absent, or a broken symlink: Tecton's `exists()` says no.
            Err(err) if is_absent(&err) || is_loop_error(&err) => return ignore,
            Err(err) => {
                ignore.diagnostics.push(
                    Diagnostic::new(
                        "TP001",
                        format!(
                            "cannot read {}: {err}; none of its patterns are applied",
                            path.display()
                        ),
                    )
                    .at(Span::whole_file(&path))
                    .with_help("make .tectonignore a readable file (Tecton fails on it otherwise)"),
                );
                return ignore;
            }
        };
        let mut builder = GitignoreBuilder::new(root);
        let mut offset = 0;
        for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
            let start = offset;
            offset += raw.len() + 1;
            let mut line = raw.strip_suffix(b"\r").unwrap_or(raw);
            let mut start = start;
            if index == 0 {
                if let Some(rest) = line.strip_prefix(b"\xEF\xBB\xBF") {
                    line = rest;
                    start += 3;
                }
            }
            let span = Span::new(&path, start, start + line.len());
            let invalid = |reason: &str| {
                Diagnostic::new(
                    "TP001",
                    format!(
                        ".tectonignore line {} is not a valid pattern and is ignored: {reason}",
                        index + 1
                    ),
                )
                .at(span.clone())
                .with_help("fix the pattern (gitignore syntax) or remove the line")
            };
            let Ok(text) = std::str::from_utf8(line) else {
                ignore.diagnostics.push(invalid("it is not valid UTF-8"));
                continue;
            };
            // pathspec strips both ends unless the pattern ends with an escaped space.
            let pattern = if text.ends_with("\\ ") {
                text.trim_start()
            } else {
                text.trim()
            };
            if pattern.is_empty() || pattern.starts_with('#') || pattern == "/" {
                continue;
            }
            if pattern == "!" {
                ignore
                    .diagnostics
                    .push(invalid("a lone `!` negates nothing (Tecton fails on it)"));
                continue;
            }
            let trailing_backslashes = pattern.bytes().rev().take_while(|&b| b == b'\\').count();
            if trailing_backslashes % 2 == 1 {
                ignore.diagnostics.push(invalid(
                    "it ends with an unescaped `\\` (Tecton fails on it)",
                ));
                continue;
            }
            // pathspec reads `dir/**/` as every path below `dir`, files too; git, and the
            // `ignore` crate, as the directories below it only.
            let pattern = match pattern.strip_suffix("/**/") {
                Some(stem) => format!("{stem}/**"),
                None => pattern.to_string(),
            };
            if let Err(err) = builder.add_line(Some(PathBuf::from(index.to_string())), &pattern) {
                ignore.diagnostics.push(invalid(&glob_error(&err)));
                continue;
            }
            if pattern.starts_with('!') {
                ignore.last_negation = Some(index);
            }
        }
        match builder.build() {
            Ok(matcher) if !matcher.is_empty() => ignore.matcher = Some(matcher),
            Ok(_) => {}
            Err(err) => ignore.diagnostics.push(
                Diagnostic::new(
                    "TP001",
                    format!(
                        "{} cannot be applied: {err}; none of its patterns are applied",
                        path.display()
                    ),
                )
                .at(Span::whole_file(&path)),
            ),
        }
        ignore
    }

    /// Combines what applies to the directory above (`inherited`) with the patterns matching `rel`.
    fn verdict(&self, inherited: Option<Verdict>, rel: &Path, is_dir: bool) -> Option<Verdict> {
        let matcher = self.matcher.as_ref()?;
        let own = match matcher.matched(rel, is_dir) {
            Match::None => None,
            Match::Ignore(glob) => line_of(glob).map(|line| Verdict {
                line,
                ignored: true,
            }),
            Match::Whitelist(glob) => line_of(glob).map(|line| Verdict {
                line,
                ignored: false,
            }),
        };
        match (inherited, own) {
            (Some(a), Some(b)) => Some(if b.line >= a.line { b } else { a }),
            (a, b) => b.or(a),
        }
    }

    /// Whether a negation after `line` could re-include something below a directory it ignores.
    fn can_reinclude_after(&self, line: usize) -> bool {
        self.last_negation.is_some_and(|n| n > line)
    }
}

fn line_of(glob: &ignore::gitignore::Glob) -> Option<usize> {
    glob.from()?.to_str()?.parse().ok()
}

fn glob_error(err: &ignore::Error) -> String {
    match err {
        ignore::Error::Glob { err, .. } => err.clone(),
        other => other.to_string(),
    }
}

/// Listing order is the filesystem's: sort so that reports are the same everywhere.
fn sort_diagnostics(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| d.span.as_ref().map(|s| (s.file.clone(), s.start()));
        key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
    });
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn is_regular_file(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Errors that mean "there is nothing there" (Python's `exists()` returns False for these).
fn is_absent(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

fn is_loop_error(err: &io::Error) -> bool {
    // ELOOP is 40 on Linux, 62 on macOS and the BSDs; std has no stable ErrorKind for it yet
    // (FilesystemLoop is unstable).
    #[cfg(target_os = "linux")]
    const ELOOP: i32 = 40;
    #[cfg(all(unix, not(target_os = "linux")))]
    const ELOOP: i32 = 62;
    #[cfg(unix)]
    {
        err.raw_os_error() == Some(ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = err;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    struct Tree {
        _dir: tempfile::TempDir,
        base: PathBuf,
    }

    impl Tree {
        fn new() -> Tree {
            let dir = tempfile::tempdir().expect("tempdir");
            let base = fs::canonicalize(dir.path()).expect("canonical tempdir");
            Tree { _dir: dir, base }
        }

        fn p(&self, rel: &str) -> PathBuf {
            self.base.join(rel)
        }

        /// Creates a file (and its parents); a trailing `/` makes a directory instead.
        fn add(&self, rel: &str) -> PathBuf {
            let path = self.p(rel.trim_end_matches('/'));
            if rel.ends_with('/') {
                fs::create_dir_all(&path).expect("mkdir");
            } else {
                fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                fs::write(&path, "").expect("write");
            }
            path
        }

        fn write(&self, rel: &str, text: &str) -> PathBuf {
            let path = self.add(rel);
            fs::write(&path, text).expect("write");
            path
        }

        fn link(&self, target: impl AsRef<Path>, rel: &str) -> PathBuf {
            let path = self.p(rel);
            fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            symlink(target, &path).expect("symlink");
            path
        }

        /// Roots found from `rel`, with `$HOME` at the temporary directory so that nothing outside
        /// it can interfere.
        fn roots(&self, rel: &str) -> Discovery {
            find_roots(&self.p(rel), Some(&self.base))
        }

        /// Collected files of the root `rel`, relative to it.
        fn files(&self, rel: &str) -> (Vec<String>, Vec<Diagnostic>) {
            let root = self.p(rel);
            let set = collect_files(&root);
            let files = set
                .files
                .iter()
                .map(|f| {
                    f.strip_prefix(&root)
                        .expect("under the root")
                        .to_string_lossy()
                        .into_owned()
                })
                .collect();
            (files, set.diagnostics)
        }
    }

    fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
        diagnostics.iter().map(|d| d.code).collect()
    }

    fn root_paths(discovery: &Discovery) -> Vec<(PathBuf, Marker)> {
        discovery
            .roots
            .iter()
            .map(|r| (r.path.clone(), r.marker))
            .collect()
    }

    /// Whether permissions stop this process (not so for root).
    fn permissions_bite(path: &Path) -> bool {
        fs::read_dir(path).is_err()
    }

    fn chmod(path: &Path, mode: u32) {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).expect("chmod");
    }

    #[test]
    fn root_found_upward_from_a_subdirectory_and_from_a_file() {
        let t = Tree::new();
        t.add("repo/.tecton");
        t.add("repo/features/deep/");
        t.add("repo/features/fv.py");
        let want = vec![(t.p("repo"), Marker::File)];
        for start in ["repo", "repo/features/deep", "repo/features/fv.py"] {
            let found = t.roots(start);
            assert_eq!(root_paths(&found), want, "from {start}");
            assert!(found.diagnostics.is_empty(), "from {start}");
        }
    }

    #[test]
    fn nearest_marker_wins_and_directory_marker_is_recognised() {
        let t = Tree::new();
        t.add("outer/.tecton");
        t.add("outer/inner/.tecton/");
        t.add("outer/inner/sub/");
        let found = t.roots("outer/inner/sub");
        assert_eq!(
            root_paths(&found),
            vec![(t.p("outer/inner"), Marker::Directory)]
        );
    }

    #[test]
    fn relative_path_is_resolved_against_the_current_directory() {
        // The test process's cwd is the crate directory, which has no `.tecton` above it.
        let t = Tree::new();
        t.add("repo/.tecton");
        let cwd = std::env::current_dir().expect("cwd");
        let mut rel = PathBuf::new();
        for _ in cwd.components().skip(1) {
            rel.push("..");
        }
        rel.push(t.p("repo/sub").strip_prefix("/").expect("absolute"));
        t.add("repo/sub/");
        let found = find_roots(&rel, Some(&t.base));
        assert_eq!(root_paths(&found), vec![(t.p("repo"), Marker::File)]);
    }

    #[test]
    fn upward_search_stops_at_home() {
        let t = Tree::new();
        t.add("home/.tecton");
        t.add("home/proj/sub/");
        let home = t.p("home");
        let found = find_roots(&t.p("home/proj/sub"), Some(&home));
        assert!(found.roots.is_empty());
        assert_eq!(codes(&found.diagnostics), vec!["TP004"]);
        // From `$HOME` itself, its own marker is ignored too.
        let found = find_roots(&home, Some(&home));
        assert!(found.roots.is_empty());
        // Without a home, the marker counts.
        let found = find_roots(&t.p("home/proj/sub"), None);
        assert_eq!(root_paths(&found), vec![(home.clone(), Marker::File)]);
        // A home spelled through a symlink stops the search as well.
        let alias = t.link(&home, "alias");
        let found = find_roots(&t.p("home/proj/sub"), Some(&alias));
        assert!(found.roots.is_empty());
    }

    #[test]
    fn downward_search_finds_every_marked_root_in_a_monorepo() {
        let t = Tree::new();
        t.add("mono/spark/.tecton");
        t.add("mono/rift/.tecton/");
        t.add("mono/rift/nested/.tecton"); // inside a root: belongs to it
        t.add("mono/repo.yaml"); // ignored: markers exist
        t.add("mono/.hidden/h/.tecton");
        t.add("mono/env/pyvenv.cfg");
        t.add("mono/env/lib/x/.tecton");
        t.add("mono/node_modules/pkg/.tecton");
        t.add("mono/deep/er/still/.tecton");
        let found = t.roots("mono");
        assert_eq!(
            root_paths(&found),
            vec![
                (t.p("mono/deep/er/still"), Marker::File),
                (t.p("mono/rift"), Marker::Directory),
                (t.p("mono/spark"), Marker::File),
            ]
        );
        assert!(found.diagnostics.is_empty());
    }

    const TECTON_MODULE: &str = "from tecton import Entity\n";

    #[test]
    fn downward_search_falls_back_to_repo_yaml_outermost_only() {
        let t = Tree::new();
        t.add("mono/a/repo.yaml");
        t.add("mono/a/inner/repo.yaml");
        t.add("mono/b/c/repo.yaml");
        t.add("mono/b/repo.yaml/"); // a directory named repo.yaml is no config
        t.add("mono/other/repo.yaml"); // no Python importing tecton below: another tool's file
        t.write("mono/other/tool.py", "import yaml\n");
        for module in ["mono/a/inner/fv.py", "mono/b/c/fv.py"] {
            t.write(module, TECTON_MODULE);
        }
        let found = t.roots("mono");
        assert_eq!(
            root_paths(&found),
            vec![
                (t.p("mono/a"), Marker::RepoYamlOnly),
                (t.p("mono/b/c"), Marker::RepoYamlOnly),
            ]
        );
        // The start itself may be the root.
        let found = t.roots("mono/a");
        assert_eq!(
            root_paths(&found),
            vec![(t.p("mono/a"), Marker::RepoYamlOnly)]
        );
        // From a file: only its own directory.
        t.write("mono/a/fv.py", TECTON_MODULE);
        let found = t.roots("mono/a/fv.py");
        assert_eq!(
            root_paths(&found),
            vec![(t.p("mono/a"), Marker::RepoYamlOnly)]
        );
        assert!(t.roots("mono/other").roots.is_empty());
        assert!(t.roots("mono/other/tool.py").roots.is_empty());
    }

    #[test]
    fn without_any_marker_the_roots_are_where_the_imports_resolve_from() {
        // Tecton's sample repository since 1.1: `.tecton` and `repo.yaml` git-ignored, CI runs
        // `tecton init` in spark/ and rift/, whose modules import `fraud.entities` relative to them.
        let t = Tree::new();
        let module = "from tecton import batch_feature_view\nfrom fraud.entities import user\nimport os, datetime\n";
        for root in ["sample/spark", "sample/rift"] {
            t.write(&format!("{root}/fraud/entities.py"), TECTON_MODULE);
            t.write(&format!("{root}/fraud/features/fv.py"), module);
        }
        t.write("sample/requirements.txt", "tecton~=1.2.0\n");
        t.write("sample/genai/notebook.py", "import pandas\n");
        let found = t.roots("sample");
        assert_eq!(
            root_paths(&found),
            vec![
                (t.p("sample/rift"), Marker::Inferred),
                (t.p("sample/spark"), Marker::Inferred),
            ]
        );
        assert!(found.diagnostics.is_empty(), "{:?}", found.diagnostics);
        // Named directly, a root is the directory named.
        let found = t.roots("sample/spark");
        assert_eq!(
            root_paths(&found),
            vec![(t.p("sample/spark"), Marker::Inferred)]
        );
        // Named inside it, or a file of it (pre-commit), the root is where the imports resolve.
        for inside in ["sample/spark/fraud", "sample/spark/fraud/features/fv.py"] {
            assert_eq!(
                root_paths(&t.roots(inside)),
                vec![(t.p("sample/spark"), Marker::Inferred)],
                "{inside}"
            );
        }
        // A file whose imports say nothing is placed nowhere.
        assert!(t.roots("sample/spark/fraud/entities.py").roots.is_empty());

        // The layout before that: one root at the top, whose modules import `fraud...` from it.
        let t = Tree::new();
        t.write("top/fraud/entities.py", TECTON_MODULE);
        t.write("top/fraud/features/fv.py", module);
        t.write(
            "top/ads/features/fv.py",
            "from tecton import Entity\nfrom ads.x import y\n",
        );
        t.write("top/ads/x.py", "y = 1\n");
        let found = t.roots("top");
        assert_eq!(root_paths(&found), vec![(t.p("top"), Marker::Inferred)]);

        // No import resolves anywhere: the named directory.
        let t = Tree::new();
        t.write("flat/sub/fv.py", TECTON_MODULE);
        assert_eq!(
            root_paths(&t.roots("flat")),
            vec![(t.p("flat"), Marker::Inferred)]
        );
        // Python that does not import tecton is no evidence, nor is a docstring's `tecton`.
        let t = Tree::new();
        t.write(
            "plain/a.py",
            "import tectonic\nx = 'from tecton import Entity'\n",
        );
        t.write("plain/.hidden/fv.py", TECTON_MODULE);
        t.write("plain/venv/pyvenv.cfg", "");
        t.write("plain/venv/lib/fv.py", TECTON_MODULE);
        assert!(t.roots("plain").roots.is_empty());
    }

    #[test]
    fn import_heads_are_the_first_components_of_absolute_imports() {
        let text = "import os, a.b as c\nfrom x.y import z\n  from . import rel\nfrom .pkg import q\nimport tecton as t\n# import nope\nfrom 9bad import q\n";
        assert_eq!(import_heads(text), vec!["os", "a", "x", "tecton"]);
    }

    #[test]
    fn nothing_found_is_tp004_with_help() {
        let t = Tree::new();
        t.add("empty/sub/x.py");
        let found = t.roots("empty");
        assert!(found.roots.is_empty());
        assert_eq!(codes(&found.diagnostics), vec!["TP004"]);
        let d = &found.diagnostics[0];
        assert!(d
            .message
            .starts_with("no feature repository root found at or above "));
        assert!(d.message.ends_with(", nor below it"));
        assert!(d.help.as_deref().is_some_and(|h| h.contains("tecton init")));
    }

    #[test]
    fn nonexistent_path_is_tp004() {
        let t = Tree::new();
        let found = t.roots("missing/dir");
        assert!(found.roots.is_empty());
        assert_eq!(codes(&found.diagnostics), vec!["TP004"]);
        assert!(found.diagnostics[0].message.contains("does not exist"));
    }

    #[test]
    fn broken_marker_symlink_is_reported_and_not_a_root() {
        let t = Tree::new();
        t.add("outer/.tecton");
        t.link("nowhere", "outer/inner/.tecton");
        let found = t.roots("outer/inner");
        assert_eq!(root_paths(&found), vec![(t.p("outer"), Marker::File)]);
        assert_eq!(codes(&found.diagnostics), vec!["TP004"]);
        let d = &found.diagnostics[0];
        assert!(d.message.contains("broken symlink"), "{}", d.message);
        assert_eq!(d.span, Some(Span::whole_file(t.p("outer/inner/.tecton"))));
    }

    #[test]
    fn unreadable_marker_is_reported_but_still_a_root() {
        let t = Tree::new();
        let marker = t.add("repo/.tecton");
        chmod(&marker, 0o000);
        let found = t.roots("repo");
        assert_eq!(root_paths(&found), vec![(t.p("repo"), Marker::File)]);
        if fs::File::open(&marker).is_ok() {
            return; // running as root: permissions do not stop reads
        }
        assert_eq!(codes(&found.diagnostics), vec!["TP004"]);
        assert_eq!(found.diagnostics[0].span, Some(Span::whole_file(&marker)));
    }

    #[test]
    fn hidden_paths_and_non_py_entries_are_left_out() {
        let t = Tree::new();
        for f in [
            "r/.tecton",
            "r/ok.py",
            "r/pkg/mod.py",
            "r/pkg/__init__.py",
            "r/.hidden.py",
            "r/.venv/lib/x.py",
            "r/.git/hooks/y.py",
            "r/pkg/.cache/z.py",
            "r/notes.txt",
            "r/conf.yaml",
            "r/setup.PY",
            "r/dir.py/inner.py",
        ] {
            t.add(f);
        }
        let (files, diagnostics) = t.files("r");
        assert_eq!(
            files,
            vec!["dir.py/inner.py", "ok.py", "pkg/__init__.py", "pkg/mod.py"]
        );
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn root_under_a_hidden_directory_still_collects() {
        let t = Tree::new();
        t.add(".work/r/fv.py");
        let (files, _) = t.files(".work/r");
        assert_eq!(files, vec!["fv.py"]);
    }

    #[test]
    fn virtual_environments_are_left_out() {
        let t = Tree::new();
        t.add("r/fv.py");
        t.add("r/env/pyvenv.cfg");
        t.add("r/env/fake.py");
        t.add("r/env/lib/python3.11/site-packages/pkg/mod.py");
        t.add("r/tools/venv/pyvenv.cfg");
        t.add("r/tools/venv/bin/x.py");
        t.add("r/tools/t.py");
        let (files, _) = t.files("r");
        assert_eq!(files, vec!["fv.py", "tools/t.py"]);
        // The root itself is never left out.
        t.add("r/pyvenv.cfg");
        let (files, _) = t.files("r");
        assert_eq!(files, vec!["fv.py", "tools/t.py"]);
    }

    #[test]
    fn tectonignore_patterns_apply_and_gitignore_does_not() {
        let t = Tree::new();
        t.write(
            "r/.tectonignore",
            "# comments and blank lines do nothing\n\
             \n\
             #c.py\n\
             skip_me.py\n\
             build/\n\
             **/gen_*.py\n\
             /anchored.py\n\
             feature_services/*.py\n\
             drafts/\n\
             !drafts/keep.py\n\
             \x20 padded.py  \r\n",
        );
        t.write("r/.gitignore", "kept.py\nsub/\n*.py\n");
        for f in [
            "r/kept.py",
            "r/#c.py",
            "r/skip_me.py",
            "r/sub/skip_me.py",
            "r/build/a.py",
            "r/sub/build/b.py",
            "r/build.py",
            "r/gen_2.py",
            "r/x/y/gen_1.py",
            "r/anchored.py",
            "r/sub/anchored.py",
            "r/feature_services/fs.py",
            "r/feature_services/nested/fs2.py",
            "r/drafts/a.py",
            "r/drafts/keep.py",
            "r/padded.py",
        ] {
            t.add(f);
        }
        let (files, diagnostics) = t.files("r");
        assert_eq!(
            files,
            vec![
                "#c.py",
                "build.py",
                "drafts/keep.py",
                "feature_services/nested/fs2.py",
                "kept.py",
                "sub/anchored.py",
            ]
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn tectonignore_last_match_wins_across_directories() {
        // pathspec: the last pattern matching the file or any directory above it decides.
        let t = Tree::new();
        t.write("r/.tectonignore", "!keep.py\nout/\n*.py\n!in/**\n");
        for f in ["r/keep.py", "r/out/keep.py", "r/in/deep/a.py", "r/other.py"] {
            t.add(f);
        }
        let (files, _) = t.files("r");
        assert_eq!(files, vec!["in/deep/a.py"]);
    }

    #[test]
    fn invalid_tectonignore_lines_are_reported_with_their_span() {
        let t = Tree::new();
        let text = "a.py\n!\nbad\\\nb.py\n";
        let ignore_file = t.write("r/.tectonignore", text);
        for f in ["r/a.py", "r/b.py", "r/c.py"] {
            t.add(f);
        }
        let (files, diagnostics) = t.files("r");
        assert_eq!(files, vec!["c.py"]);
        assert_eq!(codes(&diagnostics), vec!["TP001", "TP001"]);
        assert!(diagnostics[0].message.contains(".tectonignore line 2 "));
        assert_eq!(diagnostics[0].span, Some(Span::new(&ignore_file, 5, 6)));
        assert!(diagnostics[1].message.contains(".tectonignore line 3 "));
        assert_eq!(diagnostics[1].span, Some(Span::new(&ignore_file, 7, 11)));
        assert_eq!(&text[7..11], "bad\\");
    }

    #[test]
    fn unreadable_tectonignore_is_reported() {
        let t = Tree::new();
        t.add("r/.tectonignore/");
        t.add("r/a.py");
        let (files, diagnostics) = t.files("r");
        assert_eq!(files, vec!["a.py"]);
        assert_eq!(codes(&diagnostics), vec!["TP001"]);
    }

    #[test]
    fn file_symlinks_are_followed_once_and_directory_symlinks_are_not_entered() {
        let t = Tree::new();
        t.add("shared/lib.py");
        t.add("r/a/x.py");
        t.link(t.p("shared"), "r/common"); // Tecton's `**` does not descend into it
        t.link("a", "r/b");
        t.link("a/x.py", "r/alias.py"); // the same file as r/a/x.py: imported once
        t.link("../a/x.py", "r/z/alias2.py");
        t.link("a/x.py", "r/.hidden_alias.py");
        let (files, diagnostics) = t.files("r");
        assert_eq!(files, vec!["a/x.py"]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn a_file_symlink_out_of_the_root_is_listed_once_and_reported() {
        let t = Tree::new();
        t.add("outside.py");
        t.add("r/a.py");
        let ext = t.link(t.p("outside.py"), "r/ext.py");
        t.link("../../outside.py", "r/z/ext2.py"); // the same outside file again
        let (files, diagnostics) = t.files("r");
        assert_eq!(files, vec!["a.py", "ext.py"]);
        assert_eq!(codes(&diagnostics), vec!["TP001", "TP001"]);
        assert_eq!(diagnostics[0].span, Some(Span::whole_file(&ext)));
        assert!(diagnostics[0].message.contains("outside the root"));
    }

    #[test]
    fn directory_symlinks_can_be_followed_on_request() {
        let t = Tree::new();
        t.add("shared/lib.py");
        t.add("shared/.secret.py");
        t.add("r/a/x.py");
        t.link(t.p("shared"), "r/common");
        t.link("a", "r/b"); // the same files as r/a
        t.link("a/x.py", "r/alias.py");
        let root = t.p("r");
        let set = collect_files_with(
            &root,
            CollectOptions {
                follow_dir_symlinks: true,
            },
        );
        assert_eq!(
            set.files,
            vec![root.join("a/x.py"), root.join("common/lib.py")]
        );
        assert!(set.diagnostics.is_empty(), "{:?}", set.diagnostics);
    }

    #[test]
    fn symlink_loops_are_reported_without_hanging() {
        let t = Tree::new();
        t.add("r/a/x.py");
        t.link("..", "r/a/up");
        t.link(t.p("r"), "r/a/root");
        t.link("self.py", "r/self.py");
        let root = t.p("r");
        // Not entering directory links, only the `.py` loop matters.
        let (files, diagnostics) = t.files("r");
        assert_eq!(files, vec!["a/x.py"]);
        assert_eq!(codes(&diagnostics), vec!["TP001"]);
        assert_eq!(
            diagnostics[0].message,
            format!(
                "symlink loop: {} points back to itself",
                t.p("r/self.py").display()
            )
        );
        let set = collect_files_with(
            &root,
            CollectOptions {
                follow_dir_symlinks: true,
            },
        );
        assert_eq!(set.files, vec![root.join("a/x.py")]);
        assert_eq!(codes(&set.diagnostics), vec!["TP001"; 3]);
        let messages: Vec<&str> = set.diagnostics.iter().map(|d| d.message.as_str()).collect();
        for link in ["r/a/root", "r/a/up"] {
            let want = format!(
                "symlink loop: {} points back to {}",
                t.p(link).display(),
                root.display()
            );
            assert!(messages.contains(&want.as_str()), "{messages:?}");
        }
        for d in &set.diagnostics {
            assert!(d
                .span
                .as_ref()
                .is_some_and(|s| s.start() == 0 && s.end() == 0));
        }
    }

    #[test]
    fn broken_py_symlink_is_reported_and_skipped() {
        let t = Tree::new();
        t.add("r/ok.py");
        let link = t.link("gone.py", "r/broken.py");
        t.link("gone", "r/broken_dir"); // not a .py: Tecton never looks at it
        let (files, diagnostics) = t.files("r");
        assert_eq!(files, vec!["ok.py"]);
        assert_eq!(codes(&diagnostics), vec!["TP001"]);
        assert!(diagnostics[0].message.starts_with("broken symlink: "));
        assert_eq!(diagnostics[0].span, Some(Span::whole_file(link)));
    }

    #[test]
    fn unreadable_directory_is_reported_and_the_rest_collected() {
        let t = Tree::new();
        t.add("r/a.py");
        t.add("r/locked/b.py");
        t.add("r/z/c.py");
        let locked = t.p("r/locked");
        chmod(&locked, 0o000);
        let bites = permissions_bite(&locked);
        let (files, diagnostics) = t.files("r");
        chmod(&locked, 0o755);
        if !bites {
            return; // running as root: permissions do not stop reads
        }
        assert_eq!(files, vec!["a.py", "z/c.py"]);
        assert_eq!(codes(&diagnostics), vec!["TP001"]);
        assert_eq!(diagnostics[0].span, Some(Span::whole_file(&locked)));
    }

    #[test]
    fn ignored_directories_are_not_read() {
        let t = Tree::new();
        t.write("r/.tectonignore", "locked/\n");
        t.add("r/a.py");
        t.add("r/locked/b.py");
        let locked = t.p("r/locked");
        chmod(&locked, 0o000);
        let (files, diagnostics) = t.files("r");
        chmod(&locked, 0o755);
        assert_eq!(files, vec!["a.py"]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }

    #[test]
    fn special_files_are_reported() {
        use std::os::unix::net::UnixListener;
        let t = Tree::new();
        t.add("r/ok.py");
        let socket = t.p("r/sock.py");
        let _listener = UnixListener::bind(&socket).expect("socket");
        let marker = t.p("r/.tecton");
        let _marker_listener = UnixListener::bind(&marker).expect("socket");
        let (files, diagnostics) = t.files("r");
        assert_eq!(files, vec!["ok.py"]);
        assert_eq!(codes(&diagnostics), vec!["TP001"]);
        assert_eq!(diagnostics[0].span, Some(Span::whole_file(&socket)));
        // Tecton's `exists()` is true for any kind of file: still a root, but reported.
        let found = t.roots("r");
        assert_eq!(root_paths(&found), vec![(t.p("r"), Marker::File)]);
        assert_eq!(codes(&found.diagnostics), vec!["TP004"]);
        assert_eq!(found.diagnostics[0].span, Some(Span::whole_file(&marker)));
    }

    #[test]
    fn missing_root_is_reported_not_panicked_on() {
        let t = Tree::new();
        let set = collect_files(&t.p("nope"));
        assert!(set.files.is_empty());
        assert_eq!(codes(&set.diagnostics), vec!["TP001"]);
    }

    #[test]
    fn non_utf8_file_names_are_kept() {
        use std::os::unix::ffi::OsStrExt;
        let t = Tree::new();
        let name = OsStr::from_bytes(b"caf\xe9.py");
        let dir = t.add("r/");
        let path = dir.join(name);
        if fs::write(&path, "").is_err() {
            return; // a filesystem that insists on UTF-8 names
        }
        let set = collect_files(&dir);
        assert_eq!(set.files, vec![path]);
    }

    #[test]
    fn output_is_sorted_and_absolute() {
        let t = Tree::new();
        for f in ["r/b.py", "r/a/z.py", "r/a.py", "r/a-b.py", "r/A.py"] {
            t.add(f);
        }
        let set = collect_files(&t.p("r"));
        assert!(set.files.iter().all(|f| f.is_absolute()));
        let mut sorted = set.files.clone();
        sorted.sort();
        assert_eq!(set.files, sorted);
        assert_eq!(set.files.len(), 5);
    }
}
