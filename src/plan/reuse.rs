//! Which roots of a plan read the same bytes in the base and in the working tree, so that the
//! working tree's analysis of such a root stands for its base too (a monorepo's pull request touches
//! one or two roots of dozens). A root qualifies only when every file its analysis may read is the
//! same on both sides, as git lists them: the files below it that the base lays out (Python files,
//! `repo.yaml`, `.tecton`, `.tectonignore`, pins, any `.txt`, `.yaml`), the pins, `pyproject.toml`,
//! `setup.cfg` and `tecton-preflight.toml` of every folder above it up to the top-level, and the
//! files its requirements include. Working-tree files are hashed as they are on disk (no git
//! filter: the analysis reads the bytes), untracked and git-ignored files count, and a symbolic
//! link, a submodule, a nested git repository or a `.tecton` above the root makes it analysed on
//! both sides: in doubt, it is.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

use super::base::{pin_named, wanted, EntryKind, Tree, TreeEntry};

/// The most entries looked at below one untracked folder before it counts as changed.
const FOLDER_BUDGET: usize = 100_000;

/// What git lists in the working tree, and the hashes of the files the base also holds.
pub struct WorkingTree {
    top: PathBuf,
    /// Relative to the top-level, sorted: the index's paths, and the untracked ones (ignored
    /// included).
    paths: Vec<Listed>,
    /// The indices of `paths` by the folder that holds each.
    by_folder: HashMap<PathBuf, Vec<usize>>,
    /// The untracked folders and the submodules.
    folders: HashSet<PathBuf>,
    /// The object id of each working-tree file that the base lays out as a regular file, hashed
    /// as it is on disk.
    hashes: HashMap<PathBuf, String>,
}

struct Listed {
    path: PathBuf,
    /// An untracked folder (git lists it rather than what it holds), or a submodule.
    folder: bool,
}

/// Runs `git` in `top` with `input` on its standard input; its standard output when it succeeds.
fn git_output(top: &Path, args: &[&str], input: Option<Vec<u8>>) -> Option<Vec<u8>> {
    let mut child = Command::new("git")
        .args(args)
        .current_dir(top)
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    // Written from another thread: git answers while it reads, and both pipes would fill up.
    let writer = match (input, child.stdin.take()) {
        (Some(input), Some(mut stdin)) => Some(std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        })),
        _ => None,
    };
    let mut out = Vec::new();
    let read = child
        .stdout
        .take()
        .map(|stdout| std::io::Read::read_to_end(&mut BufReader::new(stdout), &mut out));
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    let status = child.wait().ok()?;
    (status.success() && matches!(read, Some(Ok(_)))).then_some(out)
}

fn path_of(bytes: &[u8]) -> PathBuf {
    PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
}

impl WorkingTree {
    /// Lists the working tree of the repository at `top` and hashes the files `tree` lays out.
    /// `None` when git cannot tell: then every root is analysed on both sides.
    pub fn read(top: &Path, tree: &Tree) -> Option<WorkingTree> {
        let mut paths = Vec::new();
        // `<mode> <object> <stage>\t<path>`: a submodule's mode is 160000.
        let index = git_output(top, &["ls-files", "-z", "--stage"], None)?;
        let mut seen = HashSet::new();
        for entry in index.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            let tab = entry.iter().position(|&b| b == b'\t')?;
            let path = path_of(&entry[tab + 1..]);
            if seen.insert(path.clone()) {
                paths.push(Listed {
                    path,
                    folder: entry.starts_with(b"160000"),
                });
            }
        }
        // Without `--exclude-standard`: ignored files are on disk, and the analysis reads them.
        let others = git_output(top, &["ls-files", "-z", "--others", "--directory"], None)?;
        for entry in others.split(|&b| b == 0).filter(|e| !e.is_empty()) {
            let folder = entry.ends_with(b"/");
            let entry = entry.strip_suffix(b"/").unwrap_or(entry);
            paths.push(Listed {
                path: path_of(entry),
                folder,
            });
        }
        // Hashed with one `git hash-object` process, paths one a line. git unquotes a line that
        // starts with `"` and drops a carriage return before the line feed: such a name is left
        // unhashed, so its root counts as changed.
        let files: Vec<&TreeEntry> = tree
            .entries
            .iter()
            .filter(|e| e.kind == EntryKind::File && e.laid_out())
            .filter(|e| {
                let name = e.path.as_os_str().as_bytes();
                !name.starts_with(b"\"") && !name.iter().any(|&b| b == b'\n' || b == b'\r')
            })
            .filter(|e| {
                std::fs::symlink_metadata(top.join(&e.path)).is_ok_and(|m| m.file_type().is_file())
            })
            .collect();
        let mut hashes = HashMap::new();
        if !files.is_empty() {
            let mut input = Vec::new();
            for file in &files {
                input.extend_from_slice(file.path.as_os_str().as_bytes());
                input.push(b'\n');
            }
            // When git cannot hash one (unreadable), none is known: every root is analysed.
            let out = git_output(
                top,
                &["hash-object", "--no-filters", "--stdin-paths"],
                Some(input),
            )
            .unwrap_or_default();
            for (file, line) in files.iter().zip(out.split(|&b| b == b'\n')) {
                let Ok(line) = std::str::from_utf8(line) else {
                    break;
                };
                hashes.insert(file.path.clone(), line.trim().to_string());
            }
        }
        paths.sort_by(|a, b| a.path.cmp(&b.path));
        let by_folder = by_folder(paths.iter().map(|l| l.path.as_path()))
            .into_iter()
            .map(|(folder, indices)| (folder.to_path_buf(), indices))
            .collect();
        let folders = paths
            .iter()
            .filter(|l| l.folder)
            .map(|l| l.path.clone())
            .collect();
        Some(WorkingTree {
            top: top.to_path_buf(),
            paths,
            by_folder,
            folders,
            hashes,
        })
    }

    /// Whether the working tree holds `entry` byte for byte, as a regular file at its path.
    pub fn holds(&self, entry: &TreeEntry) -> bool {
        entry.kind == EntryKind::File
            && self
                .hashes
                .get(&entry.path)
                .is_some_and(|hash| *hash == entry.object)
    }

    /// The base `tree` and this working tree, indexed to compare roots.
    pub fn against<'t>(&'t self, tree: &'t Tree) -> Sides<'t> {
        let mut entries: Vec<&TreeEntry> = tree.entries.iter().collect();
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        let folders = by_folder(entries.iter().map(|e: &&'t TreeEntry| {
            let entry: &'t TreeEntry = e;
            entry.path.as_path()
        }));
        Sides {
            by_path: tree.by_path(),
            entries,
            folders,
            working: self,
        }
    }
    /// Whether every file the pins in `base` include, through one another, is the same on both
    /// sides.
    fn includes_same(
        &self,
        base: &HashMap<&Path, &str>,
        by_path: &HashMap<&Path, &TreeEntry>,
    ) -> bool {
        let mut queue: Vec<PathBuf> = base
            .keys()
            .filter(|p| pin_named(p))
            .map(|p| p.to_path_buf())
            .collect();
        let mut seen: HashSet<PathBuf> = queue.iter().cloned().collect();
        while let Some(file) = queue.pop() {
            let Ok(bytes) = crate::source::read_regular(&self.top.join(&file)) else {
                return false;
            };
            for included in includes(&file, &bytes) {
                let Some(included) = included else {
                    return false;
                };
                let same = by_path.get(included.as_path()).is_some_and(|entry| {
                    entry.kind == EntryKind::File
                        && entry.laid_out()
                        && std::fs::symlink_metadata(self.top.join(&included))
                            .is_ok_and(|m| m.file_type().is_file())
                        && self.hashes.get(&included) == Some(&entry.object)
                });
                if !same {
                    return false;
                }
                if seen.insert(included.clone()) {
                    queue.push(included);
                }
            }
        }
        true
    }

    /// Whether an untracked folder below `root` holds anything the analysis of `root` may read
    /// (or a symbolic link, or more than can be looked through).
    fn folder_is_read(&self, root: &Path, folder: &Path) -> bool {
        let mut stack = vec![folder.to_path_buf()];
        let mut budget = FOLDER_BUDGET;
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(self.top.join(&dir)) else {
                return true;
            };
            for entry in entries {
                let Ok(entry) = entry else { return true };
                budget = budget.saturating_sub(1);
                if budget == 0 {
                    return true;
                }
                let path = dir.join(entry.file_name());
                let Ok(kind) = entry.file_type() else {
                    return true;
                };
                if reach(root, &path) == Reach::Read || kind.is_symlink() {
                    return true;
                }
                if kind.is_dir() && !hidden_below(root, &path) {
                    stack.push(path);
                }
            }
        }
        false
    }
}

/// A base tree and a working tree, indexed so that the paths near a root are found without going
/// through every path for every root.
pub struct Sides<'t> {
    by_path: HashMap<&'t Path, &'t TreeEntry>,
    /// The tree's entries sorted by path (a folder's subtree is a run), and by folder.
    entries: Vec<&'t TreeEntry>,
    folders: HashMap<&'t Path, Vec<usize>>,
    working: &'t WorkingTree,
}

/// The indices of `paths` by the folder that holds each.
fn by_folder<'p>(paths: impl Iterator<Item = &'p Path>) -> HashMap<&'p Path, Vec<usize>> {
    let mut folders: HashMap<&Path, Vec<usize>> = HashMap::new();
    for (i, path) in paths.enumerate() {
        if let Some(parent) = path.parent() {
            folders.entry(parent).or_default().push(i);
        }
    }
    folders
}

/// The items of `items` (sorted by path) that may be read for `root`: those below it, and those
/// in a folder above it or in that folder's `requirements`.
fn near<'i, 'f, T>(
    items: &'i [T],
    in_folder: impl Fn(&Path) -> Option<&'f [usize]>,
    path: impl Fn(&T) -> &Path,
    root: &Path,
) -> Vec<&'i T> {
    let start = items.partition_point(|item| path(item) < root);
    let mut out: Vec<&T> = items[start..]
        .iter()
        .take_while(|item| path(item).starts_with(root))
        .collect();
    let mut above: Vec<PathBuf> = Vec::new();
    for folder in root.ancestors().skip(1) {
        for dir in [folder.to_path_buf(), folder.join("requirements")] {
            if !dir.starts_with(root) && !above.contains(&dir) {
                above.push(dir);
            }
        }
    }
    for dir in &above {
        if let Some(indices) = in_folder(dir) {
            out.extend(indices.iter().map(|&i| &items[i]));
        }
    }
    out
}

impl Sides<'_> {
    /// Whether the root at `root` (relative to the top-level) reads the same bytes in the base as
    /// in the working tree.
    pub fn same_root(&self, root: &Path) -> bool {
        let working = self.working;
        let by_path = &self.by_path;
        let top = &working.top;
        let exists = |path: &Path| std::fs::symlink_metadata(top.join(path)).is_ok();
        match by_path.get(root.join(".tecton").as_path()) {
            Some(entry) if entry.kind == EntryKind::File => {}
            _ => return false,
        }
        // A nested git repository has its own top-level (and its own settings stop); a `.tecton`
        // above makes another root that holds this one; an untracked folder or submodule holding
        // the root is not the base's.
        for folder in root.ancestors() {
            if working.folders.contains(folder) {
                return false;
            }
            if folder.as_os_str().is_empty() {
                break;
            }
            if exists(&folder.join(".git")) {
                return false;
            }
        }
        for folder in root.ancestors().skip(1) {
            let marker = folder.join(".tecton");
            if by_path.contains_key(marker.as_path()) || exists(&marker) {
                return false;
            }
        }
        // The base's side: what it lays out that the root may read.
        let mut base: HashMap<&Path, &str> = HashMap::new();
        let in_folder = |dir: &Path| self.folders.get(dir).map(Vec::as_slice);
        for entry in near(&self.entries, in_folder, |e| &e.path, root) {
            let reached = reach(root, &entry.path);
            if reached == Reach::Out {
                continue;
            }
            // A link or a submodule below the root, or where it reads: imports and pins follow
            // links, and a submodule's files are not in this repository.
            if entry.kind != EntryKind::File {
                return false;
            }
            if reached == Reach::Read && entry.laid_out() {
                base.insert(&entry.path, &entry.object);
            }
        }
        // The working tree's side, file by file.
        let mut found = 0;
        let in_folder = |dir: &Path| working.by_folder.get(dir).map(Vec::as_slice);
        for listed in near(&working.paths, in_folder, |l| &l.path, root) {
            let path = listed.path.as_path();
            if listed.folder {
                match reach(root, path) {
                    Reach::Out => {}
                    Reach::Read => return false,
                    Reach::Below => {
                        if by_path
                            .get(path)
                            .is_some_and(|e| e.kind == EntryKind::Submodule)
                            || working.folder_is_read(root, path)
                        {
                            return false;
                        }
                    }
                }
                continue;
            }
            let reached = reach(root, path);
            if reached == Reach::Out {
                continue;
            }
            let Ok(meta) = std::fs::symlink_metadata(top.join(path)) else {
                // Listed by the index, gone from the disk.
                continue;
            };
            if meta.file_type().is_symlink() {
                return false;
            }
            if reached == Reach::Below {
                continue;
            }
            if !meta.file_type().is_file() {
                return false;
            }
            match (base.get(path), working.hashes.get(path)) {
                (Some(object), Some(hash)) if *object == hash => found += 1,
                _ => return false,
            }
        }
        if found != base.len() {
            return false;
        }
        working.includes_same(&base, by_path)
    }
}

/// Where a path (relative to the top-level) stands for the analysis of `root`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reach {
    /// Never read for this root.
    Out,
    /// Below the root, in a place it walks, but of a name it does not read (a symbolic link there
    /// still matters: imports go through it).
    Below,
    /// May be read.
    Read,
}

/// Whether a component between `root` and the last one of `path` is hidden: the analysis walks no
/// hidden folder below a root, and imports none.
fn hidden_below(root: &Path, path: &Path) -> bool {
    let Ok(rest) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts: Vec<_> = rest.components().collect();
    parts.pop();
    parts
        .iter()
        .any(|c| c.as_os_str().as_bytes().first() == Some(&b'.'))
}

fn reach(root: &Path, path: &Path) -> Reach {
    let name = path.file_name().map(|n| n.as_bytes()).unwrap_or_default();
    if path.starts_with(root) && path != root {
        if hidden_below(root, path) {
            return Reach::Out;
        }
        return if wanted(path) || name == b"tecton-preflight.toml" || name == b".git" {
            Reach::Read
        } else {
            Reach::Below
        };
    }
    let above = |folder: Option<&Path>| folder.is_some_and(|f| root.starts_with(f) && f != root);
    let parent = path.parent();
    if above(parent) {
        let read = name.starts_with(b"requirements")
            || matches!(
                name,
                b"pyproject.toml" | b"setup.cfg" | b"tecton-preflight.toml" | b".git" | b".tecton"
            );
        return if read { Reach::Read } else { Reach::Out };
    }
    if parent
        .and_then(Path::file_name)
        .is_some_and(|n| n == "requirements")
        && above(parent.and_then(Path::parent))
    {
        return Reach::Read;
    }
    Reach::Out
}

/// The files a requirements file (relative to the top-level) includes, relative to the top-level;
/// `None` for one that is absolute or leads above the top-level (where the two sides differ).
pub fn includes(file: &Path, bytes: &[u8]) -> Vec<Option<PathBuf>> {
    // Detection stops at a file that is not UTF-8, on both sides.
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    crate::sdk::requirement_includes(file, text)
        .into_iter()
        .map(|path| {
            let mut out = PathBuf::new();
            for component in path.components() {
                match component {
                    Component::Normal(part) => out.push(part),
                    Component::CurDir => {}
                    Component::ParentDir => {
                        if !out.pop() {
                            return None;
                        }
                    }
                    Component::RootDir | Component::Prefix(_) => return None,
                }
            }
            Some(out)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::base::read_tree;

    /// A git repository of two roots side by side, `a` and `b`, committed.
    struct Repo {
        dir: tempfile::TempDir,
    }

    impl Repo {
        fn new() -> Repo {
            let repo = Repo {
                dir: tempfile::Builder::new()
                    .prefix("preflight-reuse-")
                    .tempdir()
                    .expect("tempdir"),
            };
            repo.git(&["init", "-q"]);
            for root in ["a", "b"] {
                repo.write(&format!("{root}/.tecton"), "");
                repo.write(&format!("{root}/repo.yaml"), "defaults: {}\n");
                repo.write(&format!("{root}/features/views.py"), "x = 1\n");
            }
            repo.write("README.md", "monorepo\n");
            repo.commit();
            repo
        }

        fn top(&self) -> PathBuf {
            std::fs::canonicalize(self.dir.path()).expect("canonical")
        }

        fn write(&self, file: &str, text: &str) {
            let path = self.dir.path().join(file);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }

        fn git(&self, args: &[&str]) {
            let status = Command::new("git")
                .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
                .args(args)
                .current_dir(self.dir.path())
                .stdout(Stdio::null())
                .status()
                .expect("git runs");
            assert!(status.success(), "git {args:?}");
        }

        fn commit(&self) {
            self.git(&["add", "-A"]);
            self.git(&["commit", "-q", "--allow-empty", "-m", "c"]);
        }

        /// Which of the roots read the same bytes at `revision` as in the working tree.
        fn same(&self, revision: &str) -> Vec<&'static str> {
            let top = self.top();
            let tree = read_tree(&top, revision).expect("tree");
            let working = WorkingTree::read(&top, &tree).expect("working tree");
            let sides = working.against(&tree);
            ["a", "b"]
                .into_iter()
                .filter(|root| sides.same_root(Path::new(root)))
                .collect()
        }
    }

    #[test]
    fn the_base_links_the_files_the_working_tree_holds_and_writes_the_others_from_git() {
        use std::os::unix::fs::MetadataExt;
        let repo = Repo::new();
        // `b/features/views.py` holds the same blob as `a/features/views.py`: read from git once.
        repo.write("a/features/views.py", "x = 2\n");
        repo.write("a/repo.yaml", "defaults: {batch_feature_view: {}}\n");
        std::fs::remove_file(repo.dir.path().join("b/repo.yaml")).expect("remove");
        let top = repo.top();
        let tree = read_tree(&top, "HEAD").expect("tree");
        let working = WorkingTree::read(&top, &tree).expect("working tree");
        let claims = |path: &Path| path == Path::new("b/repo.yaml");
        // A file claimed as held that cannot be linked (here it is gone) is read from git.
        let held = |e: &TreeEntry| working.holds(e) || claims(&e.path);
        let base = crate::plan::base::lay_out(&top, &tree, &[], &held).expect("laid out");
        let node = |path: &Path| {
            let meta = std::fs::metadata(path).expect("exists");
            (meta.dev(), meta.ino())
        };
        let linked = |file: &str| node(&base.top.join(file)) == node(&top.join(file));
        assert!(linked("b/features/views.py") && linked("b/.tecton") && linked("a/.tecton"));
        // Only what the analysis reads is laid out.
        assert!(!base.top.join("README.md").exists());
        assert!(!linked("a/features/views.py") && !linked("a/repo.yaml"));
        let read = |file: &str| std::fs::read_to_string(base.top.join(file)).expect("read");
        assert_eq!(read("a/features/views.py"), "x = 1\n");
        assert_eq!(read("a/repo.yaml"), "defaults: {}\n");
        assert_eq!(read("b/repo.yaml"), "defaults: {}\n");
        let views = top.join("b/features/views.py");
        assert_eq!(std::fs::metadata(&views).expect("meta").nlink(), 2);
        drop(base);
        // Removing the base removes its links, not the working tree's files.
        assert_eq!(std::fs::metadata(&views).expect("meta").nlink(), 1);
        assert_eq!(std::fs::read_to_string(&views).expect("read"), "x = 1\n");
    }

    #[test]
    fn a_root_changed_in_the_working_tree_is_analysed_again_and_the_other_is_not() {
        let repo = Repo::new();
        assert_eq!(repo.same("HEAD"), ["a", "b"]);
        repo.write("a/features/views.py", "x = 2\n");
        assert_eq!(repo.same("HEAD"), ["b"]);
        repo.write("b/repo.yaml", "defaults: {batch_feature_view: {}}\n");
        assert!(repo.same("HEAD").is_empty());
    }

    #[test]
    fn a_base_that_is_not_head_is_compared_with_the_working_tree() {
        let repo = Repo::new();
        repo.write("b/features/more.py", "y = 1\n");
        repo.commit();
        // The working tree is HEAD, and `b` changed since HEAD~1.
        assert_eq!(repo.same("HEAD"), ["a", "b"]);
        assert_eq!(repo.same("HEAD~1"), ["a"]);
    }

    #[test]
    fn a_pin_or_setting_above_the_root_changes_every_root_below_it() {
        let repo = Repo::new();
        repo.write("requirements.txt", "tecton~=1.2.0\n");
        assert!(repo.same("HEAD").is_empty(), "an untracked pin above");
        repo.commit();
        assert_eq!(repo.same("HEAD"), ["a", "b"]);
        repo.write("requirements.txt", "tecton~=1.1.0\n");
        assert!(repo.same("HEAD").is_empty(), "a changed pin above");
        repo.commit();
        repo.write("requirements/dev.txt", "tecton~=1.1.0\n");
        assert!(repo.same("HEAD").is_empty(), "a pin in requirements/ above");
        std::fs::remove_dir_all(repo.dir.path().join("requirements")).expect("rm");
        // The tool's own configuration file is read on both sides.
        repo.write("tecton-preflight.toml", "");
        assert!(repo.same("HEAD").is_empty(), "tecton-preflight.toml above");
        repo.commit();
        assert_eq!(
            repo.same("HEAD"),
            ["a", "b"],
            "tecton-preflight.toml, committed"
        );
        repo.write("tecton-preflight.toml", "sdk-version = \"1.2.0\"\n");
        assert!(
            repo.same("HEAD").is_empty(),
            "tecton-preflight.toml changed"
        );
    }

    #[test]
    fn a_file_elsewhere_that_the_root_does_not_read_changes_nothing() {
        let repo = Repo::new();
        repo.write("README.md", "changed\n");
        repo.write("docs/notes.txt", "new\n");
        repo.write("a/features/__pycache__/views.cpython-311.pyc", "\0");
        repo.write("a/.venv/lib/site.py", "import os\n");
        repo.write("a/features/data.csv", "1,2\n");
        assert_eq!(repo.same("HEAD"), ["a", "b"]);
    }

    #[test]
    fn untracked_and_ignored_files_in_the_root_count() {
        let repo = Repo::new();
        repo.write("a/features/new.py", "z = 1\n");
        assert_eq!(repo.same("HEAD"), ["b"]);
        repo.write(".gitignore", "generated/\n");
        repo.commit();
        assert_eq!(repo.same("HEAD"), ["a", "b"]);
        repo.write("b/generated/views.py", "z = 1\n");
        assert_eq!(
            repo.same("HEAD"),
            ["a"],
            "a git-ignored module is still imported"
        );
    }

    #[test]
    fn the_bytes_on_disk_count_not_what_a_git_filter_makes_of_them() {
        let repo = Repo::new();
        repo.git(&["config", "core.autocrlf", "true"]);
        repo.write("a/features/views.py", "x = 1\r\n");
        assert_eq!(repo.same("HEAD"), ["b"]);
    }

    #[test]
    fn includes_are_followed_wherever_they_lead() {
        let repo = Repo::new();
        repo.write("shared/pins.txt", "tecton~=1.2.0\n");
        repo.write("a/requirements.txt", "-r ../shared/pins.txt\n");
        repo.write("b/requirements.txt", "-r ../../outside.txt\n");
        repo.commit();
        assert_eq!(
            repo.same("HEAD"),
            ["a"],
            "b includes a file above the top-level"
        );
        repo.write("shared/pins.txt", "tecton~=1.1.0\n");
        assert!(repo.same("HEAD").is_empty());
    }

    #[test]
    fn links_submodules_and_markers_above_are_left_to_the_analysis() {
        let repo = Repo::new();
        std::os::unix::fs::symlink(
            "../../b/features/views.py",
            repo.dir.path().join("a/features/link.py"),
        )
        .expect("symlink");
        assert_eq!(repo.same("HEAD"), ["b"], "an untracked link");
        repo.commit();
        assert_eq!(repo.same("HEAD"), ["b"], "a committed link");
        repo.write(".tecton", "");
        assert!(repo.same("HEAD").is_empty(), "a marker above");
    }

    #[test]
    fn includes_name_files_relative_to_the_top_level() {
        let file = Path::new("a/requirements.txt");
        assert_eq!(
            includes(file, b"-r ../shared/x.txt\n-c ./c.txt\n"),
            [
                Some(PathBuf::from("shared/x.txt")),
                Some(PathBuf::from("a/c.txt"))
            ]
        );
        assert_eq!(
            includes(file, b"-r ../../x.txt\n-r /etc/x.txt\n"),
            [None, None]
        );
        assert!(includes(file, b"\xff-r x.txt\n").is_empty());
    }
}
