//! The base of a plan: the repository as it was at a git revision, read through the `git` program
//! (`git ls-tree` for the file list, one `git cat-file --batch` process for every blob), or a
//! snapshot written by `check --format json`.
//!
//! The revision's files that matter to Tecton (Python files, the repo config, `.tecton`,
//! `.tectonignore`, pin files, `pyvenv.cfg`) are written into a temporary directory laid out as the
//! repository was, so that the base goes through exactly the same discovery, SDK detection, repo
//! config and Python analysis as the working tree.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A failure to read the base: the message says what and how to fix it.
#[derive(Debug)]
pub struct BaseError(pub String);

impl std::fmt::Display for BaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The base written out: `dir` is laid out as the git repository's top-level was at `revision`.
pub struct GitBase {
    /// Owns the temporary directory; dropping it removes the files.
    _dir: tempfile::TempDir,
    pub top: PathBuf,
    pub revision: String,
    pub commit: String,
    pub files_written: usize,
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
fn wanted(path: &Path) -> bool {
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
                | "pyvenv.cfg"
        )
        || name.ends_with(".yaml")
        || name.ends_with(".yml")
}

/// Writes the files of `revision` under `top` into a temporary directory.
pub fn read_revision(top: &Path, revision: &str) -> Result<GitBase, BaseError> {
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
    // Entries are `<mode> <type> <object>\t<path>\0`: regular files, and symbolic links (whose
    // blob is the link's target), not submodules. Paths are bytes: a name need not be UTF-8.
    let mut blobs: Vec<(String, PathBuf, bool)> = Vec::new();
    for entry in listing.stdout.split(|&b| b == 0) {
        let Some(tab) = entry.iter().position(|&b| b == b'\t') else {
            continue;
        };
        let Ok(meta) = std::str::from_utf8(&entry[..tab]) else {
            continue;
        };
        let path = PathBuf::from(std::ffi::OsStr::from_bytes(&entry[tab + 1..]));
        let mut parts = meta.split(' ');
        let (Some(mode), Some(kind), Some(object)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let link = mode == "120000";
        if kind == "blob" && (link || mode == "100644" || mode == "100755") && wanted(&path) {
            blobs.push((object.to_string(), path, link));
        }
    }
    let dir = tempfile::Builder::new()
        .prefix("tecton-preflight-base-")
        .tempdir()
        .map_err(|e| BaseError(format!("cannot create a temporary directory: {e}")))?;
    let base_top = dir.path().join("repo");
    std::fs::create_dir_all(base_top.join(".git"))
        .map_err(|e| BaseError(format!("cannot write the base: {e}")))?;
    let objects: Vec<String> = blobs.iter().map(|(object, _, _)| object.clone()).collect();
    let contents = cat_blobs(top, &objects)?;
    let mut files_written = 0;
    for ((_, path, link), content) in blobs.iter().zip(contents) {
        if !path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
        {
            continue;
        }
        let target = base_top.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| BaseError(format!("cannot write the base: {e}")))?;
        }
        let written = if *link {
            let to = PathBuf::from(std::ffi::OsStr::from_bytes(&content));
            std::os::unix::fs::symlink(to, &target)
        } else {
            std::fs::write(&target, content)
        };
        written.map_err(|e| BaseError(format!("cannot write the base: {e}")))?;
        files_written += 1;
    }
    Ok(GitBase {
        _dir: dir,
        top: base_top,
        revision: revision.to_string(),
        commit,
        files_written,
    })
}

/// The contents of every blob, in order, from one `git cat-file --batch` process.
fn cat_blobs(top: &Path, blobs: &[String]) -> Result<Vec<Vec<u8>>, BaseError> {
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
    let requests: String = blobs.iter().map(|object| format!("{object}\n")).collect();
    // Written from another thread: git answers while it reads, and both pipes would fill up.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(requests.as_bytes());
    });
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| BaseError("cannot read from `git cat-file`".into()))?;
    let mut reader = BufReader::new(stdout);
    let mut out = Vec::with_capacity(blobs.len());
    let broken = || BaseError("`git cat-file --batch` answered unexpectedly".into());
    for _ in blobs {
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
        out.push(content);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(out)
}
