//! The base of a plan: the repository as it was at a git revision, read through the `git` program
//! (`git ls-tree` for the file list, one `git cat-file --batch` process for the blobs), or a
//! snapshot written by `check --format json`.
//!
//! The revision's files that matter to Tecton (Python files, the repo config, `.tecton`,
//! `.tectonignore`, pin files, `pyvenv.cfg`) are written into a temporary directory laid out as the
//! repository was, so that the base goes through exactly the same discovery, SDK detection, repo
//! config and Python analysis as the working tree. The roots whose analysis the plan takes from the
//! working tree (they read the same bytes on both sides, see [`super::reuse`]) are left out but for
//! their `.tecton`, unless a symbolic link or a requirements include elsewhere may lead into them.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// A failure to read the base: the message says what and how to fix it.
#[derive(Debug)]
pub struct BaseError(pub String);

impl std::fmt::Display for BaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of entry a path is in a git tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// A regular file (`100644` or `100755`).
    File,
    /// A symbolic link (`120000`): its blob is the link's target.
    Link,
    /// A submodule (`160000`): its files are not in this repository.
    Submodule,
}

/// One entry of the revision's tree.
#[derive(Clone, Debug)]
pub struct TreeEntry {
    /// Relative to the top-level.
    pub path: PathBuf,
    pub object: String,
    pub kind: EntryKind,
}

impl TreeEntry {
    /// Whether the entry is written into the base's directory.
    pub fn laid_out(&self) -> bool {
        self.kind != EntryKind::Submodule
            && wanted(&self.path)
            && self
                .path
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
    }
}

/// The revision's tree, listed but not yet read.
pub struct Tree {
    pub revision: String,
    pub commit: String,
    pub entries: Vec<TreeEntry>,
}

impl Tree {
    /// The entries by path.
    pub fn by_path(&self) -> HashMap<&Path, &TreeEntry> {
        self.entries.iter().map(|e| (e.path.as_path(), e)).collect()
    }
}

/// The base written out: `top` is laid out as the git repository's top-level was at `revision`.
pub struct GitBase {
    /// Owns the temporary directory; dropping it removes the files.
    _dir: tempfile::TempDir,
    pub top: PathBuf,
    pub revision: String,
    pub commit: String,
}

fn git(cwd: &Path, args: &[&str]) -> Result<std::process::Output, BaseError> {
    Command::new("git")
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            BaseError(format!(
                "cannot run `git` ({e}); install git, or use --base-snapshot"
            ))
        })
}

/// The top-level of the git repository holding `path`, if any.
pub fn git_toplevel(path: &Path) -> Option<PathBuf> {
    crate::git::toplevel(path)
}

/// Whether a file name is one the analysis reads.
pub fn wanted(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        // A name that is not UTF-8 can still be a module file.
        return path.extension().is_some_and(|e| e == "py");
    };
    name.ends_with(".py")
        || name.ends_with(".txt")
        || matches!(
            name,
            ".tecton"
                | ".tectonignore"
                | "repo.yaml"
                | "pyproject.toml"
                | "setup.cfg"
                | "tecton-preflight.toml"
                | "pyvenv.cfg"
        )
        || name.ends_with(".yaml")
        || name.ends_with(".yml")
}

/// Lists the files of `revision` under `top`.
pub fn read_tree(top: &Path, revision: &str) -> Result<Tree, BaseError> {
    let verify = git(
        top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{revision}^{{commit}}"),
        ],
    )?;
    if !verify.status.success() {
        return Err(BaseError(format!(
            "the base revision `{revision}` does not exist in {}",
            top.display()
        )));
    }
    let commit = String::from_utf8_lossy(&verify.stdout).trim().to_string();
    let listing = git(top, &["ls-tree", "-r", "-z", "--full-tree", &commit])?;
    if !listing.status.success() {
        return Err(BaseError(format!(
            "`git ls-tree {revision}` failed: {}",
            String::from_utf8_lossy(&listing.stderr).trim()
        )));
    }
    // Entries are `<mode> <type> <object>\t<path>\0`. Paths are bytes: a name need not be UTF-8.
    let mut entries = Vec::new();
    for entry in listing.stdout.split(|&b| b == 0) {
        let Some(tab) = entry.iter().position(|&b| b == b'\t') else {
            continue;
        };
        let Ok(meta) = std::str::from_utf8(&entry[..tab]) else {
            continue;
        };
        let path = PathBuf::from(std::ffi::OsStr::from_bytes(&entry[tab + 1..]));
        let mut parts = meta.split(' ');
        let (Some(mode), Some(_), Some(object)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let kind = match mode {
            "100644" | "100755" => EntryKind::File,
            "120000" => EntryKind::Link,
            "160000" => EntryKind::Submodule,
            _ => continue,
        };
        entries.push(TreeEntry {
            path,
            object: object.to_string(),
            kind,
        });
    }
    Ok(Tree {
        revision: revision.to_string(),
        commit,
        entries,
    })
}

/// Whether a requirements file may be read as a pin: `requirements*.txt`, or a `.txt` in a
/// `requirements` folder (detection reads those, and follows their `-r`/`-c` includes).
pub fn pin_named(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.as_bytes()).unwrap_or_default();
    name.ends_with(b".txt")
        && (name.starts_with(b"requirements")
            || path
                .parent()
                .and_then(Path::file_name)
                .is_some_and(|d| d == "requirements"))
}

/// Whether `path` lies in one of the roots `skip` leaves out, and is not that root's `.tecton`.
fn left_out(path: &Path, skip: &std::collections::HashSet<&Path>) -> bool {
    let marked = path
        .file_name()
        .is_some_and(|n| n == ".tecton")
        .then(|| path.parent())
        .flatten();
    path.ancestors()
        .any(|a| skip.contains(a) && Some(a) != marked)
}

/// Writes the files of `tree` (read from the repository at `top`) into a temporary directory,
/// leaving out those below the roots in `skip` (relative to the top-level) but for their
/// `.tecton`. When a symbolic link or a requirements include outside them may lead into them,
/// nothing is left out.
///
/// A file for which `held` holds (the working tree has the same bytes at the same path) is a hard
/// link to the working tree's file, where the file system allows it: git reads no blob for it and
/// the file system makes no new file. What is written into the base once it is laid out is only
/// ever a new file (the plan's supplied `.tecton` and `repo.yaml`), and the directory goes when
/// the plan ends, which removes the links and not the files.
pub fn lay_out(
    top: &Path,
    tree: &Tree,
    skip: &[PathBuf],
    held: &dyn Fn(&TreeEntry) -> bool,
) -> Result<GitBase, BaseError> {
    // A set, so that a revision's every file is not compared with every root left out.
    let skip_set: std::collections::HashSet<&Path> = skip.iter().map(PathBuf::as_path).collect();
    let skipped = |path: &Path| left_out(path, &skip_set);
    let entries: Vec<&TreeEntry> = tree.entries.iter().filter(|e| e.laid_out()).collect();
    let (mut kept, mut left): (Vec<&TreeEntry>, Vec<&TreeEntry>) =
        entries.into_iter().partition(|e| !skipped(&e.path));
    let mut blobs = Blobs::read(top, &kept, held)?;
    let escapes = !left.is_empty()
        && (kept.iter().any(|e| e.kind == EntryKind::Link)
            || includes_reach(top, &kept, &blobs, &skipped));
    if escapes {
        blobs.extend(Blobs::read(top, &left, held)?);
        kept.append(&mut left);
    }
    let dir = tempfile::Builder::new()
        .prefix("tecton-preflight-base-")
        .tempdir_in(crate::source::scratch_parent())
        .map_err(|e| BaseError(format!("cannot create a temporary directory: {e}")))?;
    let base_top = dir.path().join("repo");
    let failed = |e: std::io::Error| BaseError(format!("cannot write the base: {e}"));
    std::fs::create_dir_all(base_top.join(".git")).map_err(failed)?;
    // Only inside the directory: a crafted tree can hold a link `d.py` and a file `d.py/f.py`,
    // which would be written through the link. Links go last, and nothing is written below one.
    let links: std::collections::HashSet<&Path> = kept
        .iter()
        .filter(|e| e.kind == EntryKind::Link)
        .map(|e| e.path.as_path())
        .collect();
    let inside = |path: &Path| !path.ancestors().skip(1).any(|a| links.contains(a));
    let mut laid: Vec<&TreeEntry> = kept.into_iter().filter(|e| inside(&e.path)).collect();
    laid.sort_by_key(|e| e.kind == EntryKind::Link);
    let mut made: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let mut linking = true;
    // The files a hard link could not be made for: read from git after all.
    let mut unlinked: Vec<&TreeEntry> = Vec::new();
    let mut written: Vec<(&TreeEntry, PathBuf)> = Vec::new();
    for entry in laid {
        let target = base_top.join(&entry.path);
        if let Some(parent) = target.parent() {
            if made.insert(parent.to_path_buf()) {
                std::fs::create_dir_all(parent).map_err(failed)?;
            }
        }
        if blobs.linked(entry) {
            match linking.then(|| std::fs::hard_link(top.join(&entry.path), &target)) {
                Some(Ok(())) => continue,
                // Another file system: no file of the tree can be linked.
                Some(Err(e)) if e.kind() == std::io::ErrorKind::CrossesDevices => linking = false,
                _ => {}
            }
            unlinked.push(entry);
        }
        written.push((entry, target));
    }
    blobs.extend(Blobs::read(top, &unlinked, &|_| false)?);
    for (entry, target) in written {
        let content = blobs.get(entry).unwrap_or_default();
        let done = if entry.kind == EntryKind::Link {
            let to = PathBuf::from(std::ffi::OsStr::from_bytes(content));
            std::os::unix::fs::symlink(to, &target)
        } else {
            std::fs::write(&target, content)
        };
        done.map_err(failed)?;
    }
    Ok(GitBase {
        _dir: dir,
        top: base_top,
        revision: tree.revision.clone(),
        commit: tree.commit.clone(),
    })
}

/// The blobs of a base read from git, and the files the working tree holds as they are.
struct Blobs<'t> {
    read: HashMap<&'t Path, Vec<u8>>,
    /// The entries the working tree holds byte for byte: linked, not read.
    held: std::collections::HashSet<&'t Path>,
}

impl<'t> Blobs<'t> {
    fn read(
        top: &Path,
        entries: &[&'t TreeEntry],
        held: &dyn Fn(&TreeEntry) -> bool,
    ) -> Result<Blobs<'t>, BaseError> {
        let (linked, read): (Vec<&TreeEntry>, Vec<&TreeEntry>) =
            entries.iter().partition(|e| held(e));
        let contents = cat_blobs(top, &read)?;
        Ok(Blobs {
            read: read
                .iter()
                .map(|e| e.path.as_path())
                .zip(contents)
                .collect(),
            held: linked.iter().map(|e| e.path.as_path()).collect(),
        })
    }

    fn extend(&mut self, other: Blobs<'t>) {
        self.read.extend(other.read);
        self.held.extend(other.held);
    }

    /// Whether the entry is to be a hard link (the working tree holds it and it was not read).
    fn linked(&self, entry: &TreeEntry) -> bool {
        self.held.contains(entry.path.as_path()) && !self.read.contains_key(entry.path.as_path())
    }

    fn get(&self, entry: &TreeEntry) -> Option<&[u8]> {
        self.read.get(entry.path.as_path()).map(Vec::as_slice)
    }

    /// The entry's bytes: its blob, or the working tree's file that holds the same bytes.
    fn bytes(&self, top: &Path, entry: &TreeEntry) -> Option<std::borrow::Cow<'_, [u8]>> {
        match self.get(entry) {
            Some(bytes) => Some(std::borrow::Cow::Borrowed(bytes)),
            None if self.held.contains(entry.path.as_path()) => {
                crate::source::read_regular(&top.join(&entry.path))
                    .ok()
                    .map(std::borrow::Cow::Owned)
            }
            None => None,
        }
    }
}

/// Whether the requirements files among `entries` include, directly or through one another, a
/// file for which `skipped` holds (or one outside the tree: it cannot be told where it leads).
fn includes_reach(
    top: &Path,
    entries: &[&TreeEntry],
    blobs: &Blobs,
    skipped: &dyn Fn(&Path) -> bool,
) -> bool {
    let by_path: HashMap<&Path, &TreeEntry> =
        entries.iter().map(|e| (e.path.as_path(), *e)).collect();
    let mut queue: Vec<PathBuf> = entries
        .iter()
        .filter(|e| e.kind == EntryKind::File && pin_named(&e.path))
        .map(|e| e.path.clone())
        .collect();
    let mut seen: std::collections::HashSet<PathBuf> = queue.iter().cloned().collect();
    while let Some(file) = queue.pop() {
        let Some(bytes) = by_path
            .get(file.as_path())
            .and_then(|e| blobs.bytes(top, e))
        else {
            continue;
        };
        for included in super::reuse::includes(&file, &bytes) {
            let Some(included) = included else {
                return true;
            };
            if skipped(&included) {
                return true;
            }
            if seen.insert(included.clone()) {
                queue.push(included);
            }
        }
    }
    false
}

/// The contents of every entry's blob, in order, from one `git cat-file --batch` process.
fn cat_blobs(top: &Path, entries: &[&TreeEntry]) -> Result<Vec<Vec<u8>>, BaseError> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let mut child = Command::new("git")
        .args(["cat-file", "--batch"])
        .current_dir(top)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| BaseError(format!("cannot run `git cat-file` ({e})")))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| BaseError("cannot write to `git cat-file`".into()))?;
    // Each blob once: files made from one template share theirs, and git opens and inflates a
    // loose object at every request.
    let mut first: HashMap<&str, usize> = HashMap::new();
    let unique: Vec<&str> = entries
        .iter()
        .map(|e| e.object.as_str())
        .filter(|object| {
            let next = first.len();
            *first.entry(object).or_insert(next) == next
        })
        .collect();
    let requests: String = unique.iter().map(|object| format!("{object}\n")).collect();
    // Written from another thread: git answers while it reads, and both pipes would fill up.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(requests.as_bytes());
    });
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| BaseError("cannot read from `git cat-file`".into()))?;
    let mut reader = BufReader::new(stdout);
    let mut read = Vec::with_capacity(unique.len());
    let broken = || BaseError("`git cat-file --batch` answered unexpectedly".into());
    for _ in &unique {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(|_| broken())?;
        // `<object> blob <size>`, or `<object> missing`.
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(broken)?;
        let mut content = vec![0; size];
        reader.read_exact(&mut content).map_err(|_| broken())?;
        let mut newline = [0u8; 1];
        reader.read_exact(&mut newline).map_err(|_| broken())?;
        read.push(content);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(entries
        .iter()
        .map(|e| read[first[e.object.as_str()]].clone())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_root_left_out_keeps_its_marker_only() {
        let skip: std::collections::HashSet<&Path> =
            [Path::new("a"), Path::new("a/b")].into_iter().collect();
        let left_out = |p: &str| left_out(Path::new(p), &skip);
        assert!(left_out("a/x.py"));
        assert!(left_out("a"));
        assert!(!left_out("a/.tecton"));
        // A root inside another left out: its marker goes with the outer root.
        assert!(left_out("a/b/.tecton"));
        assert!(left_out("a/b/y.py"));
        assert!(!left_out("c/x.py"));
        assert!(!left_out("ab/x.py"));
        assert!(!left_out(".tecton"));
    }
}
