//! What the working tree's git repository says, asked of the `git` program (never a git library,
//! never by looking for `.git` ourselves: `git` knows worktrees, submodules and `GIT_DIR`): the
//! top-level a path belongs to, and whether git ignores a file. Outside a git repository, or when
//! `git` cannot run, there is no top-level and nothing is ignored.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The top-level of the git repository holding `path` (a directory, or a file whose directory is
/// used), with symlinks resolved; `None` outside git.
pub fn toplevel(path: &Path) -> Option<PathBuf> {
    let dir = if path.is_dir() { path } else { path.parent()? };
    let out = Command::new("git")
        .args(["rev-parse", "--show-toplevel"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let top = PathBuf::from(text.trim_end_matches(['\n', '\r']));
    Some(std::fs::canonicalize(&top).unwrap_or(top))
}

/// Whether git ignores `dir/name` (whether or not it exists): `Some(true)` or `Some(false)` in a
/// git repository, `None` outside one.
pub fn ignores(dir: &Path, name: &str) -> Option<bool> {
    let status = Command::new("git")
        .args(["check-ignore", "-q", "--no-index", "--", name])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    // 0: ignored, 1: not ignored, anything else (128): not a git repository.
    match status.code() {
        Some(0) => Some(true),
        Some(1) => Some(false),
        _ => None,
    }
}
