//! A private copy of a root in a temporary directory, on which the steps after the first are
//! worked out: each step is applied to the copy so that the next one meets the tree as it will be.
//! The user's files are never written here; only `fix` writes them.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Files larger than this are not copied (no Tecton definition is that large; a data file is not
/// read by any rule).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

pub struct Copy {
    // Kept for its Drop: the directory goes when the copy does.
    dir: tempfile::TempDir,
    root: PathBuf,
    /// Files outside the root that the steps read and edit (a `--config` elsewhere): each real
    /// path as given, and its copy.
    outside: Vec<(PathBuf, PathBuf)>,
}

/// Whether `path` is in `root`, its links and `..` resolved (`root/../x` is not in it).
fn lies_in(path: &Path, root: &Path) -> bool {
    match (fs::canonicalize(path), fs::canonicalize(root)) {
        (Ok(path), Ok(root)) => path.starts_with(root),
        _ => {
            path.starts_with(root)
                && !path
                    .components()
                    .any(|c| c == std::path::Component::ParentDir)
        }
    }
}

impl Copy {
    /// Copies `root`: the files Tecton would read (hidden directories other than the root's own
    /// marker, and virtual environments, are left out).
    /// `outside` are files elsewhere that the steps read and may edit: they are copied too, so
    /// that working out a step never writes them.
    pub fn of(root: &Path, outside: &[&Path]) -> io::Result<Copy> {
        // Not `.tmp…`: Tecton (and check) skip every path holding a hidden component.
        let dir = tempfile::Builder::new()
            .prefix("tecton-preflight-upgrade-")
            .tempdir_in(crate::source::scratch_parent())?;
        let name = root
            .file_name()
            .map_or_else(|| "repo".into(), |n| n.to_os_string());
        let copy_root = dir.path().join(name);
        copy_dir(root, &copy_root, true)?;
        let mut copied = Vec::new();
        for (i, path) in outside.iter().enumerate() {
            if lies_in(path, root) {
                continue;
            }
            let name = path.file_name().unwrap_or_else(|| "file".as_ref());
            let to = dir.path().join(format!("outside-{i}")).join(name);
            fs::create_dir_all(to.parent().unwrap_or(dir.path()))?;
            if path.is_file() {
                fs::copy(path, &to)?;
            }
            copied.push((path.to_path_buf(), to));
        }
        Ok(Copy {
            dir,
            root: copy_root,
            outside: copied,
        })
    }

    /// Whether `path` is one of the copy's own files (never one of the user's).
    pub fn holds(&self, path: &Path) -> bool {
        path.starts_with(self.dir.path())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The copy's path for a path of the real root or an outside file it holds (unchanged
    /// otherwise).
    pub fn map_in(&self, real_root: &Path, path: &Path) -> PathBuf {
        if let Some((_, copied)) = self.outside.iter().find(|(real, _)| real == path) {
            return copied.clone();
        }
        match path.strip_prefix(real_root) {
            Ok(rel) => self.root.join(rel),
            Err(_) => path.to_path_buf(),
        }
    }

    /// The real path for a path of the copy (unchanged when outside it).
    pub fn map_out(&self, real_root: &Path, path: &Path) -> PathBuf {
        if let Some((real, _)) = self.outside.iter().find(|(_, copied)| copied == path) {
            return real.clone();
        }
        match path.strip_prefix(&self.root) {
            Ok(rel) => real_root.join(rel),
            Err(_) => path.to_path_buf(),
        }
    }
}

fn copy_dir(from: &Path, to: &Path, top: bool) -> io::Result<()> {
    fs::create_dir_all(to)?;
    if !top && from.join("pyvenv.cfg").exists() {
        return Ok(());
    }
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let hidden = name.to_string_lossy().starts_with('.');
        let path = entry.path();
        // Follows links as Tecton's import would; a link loop ends at the depth the OS allows.
        let Ok(meta) = fs::metadata(&path) else {
            continue;
        };
        if meta.is_dir() {
            if !hidden || (top && name == ".tecton") {
                copy_dir(&path, &to.join(&name), false)?;
            }
        } else if meta.is_file() && meta.len() <= MAX_FILE_BYTES && (!hidden || top) {
            fs::copy(&path, to.join(&name))?;
        }
    }
    Ok(())
}
