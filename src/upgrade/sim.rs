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
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Copy {
    /// Copies `root`: the files Tecton would read (hidden directories other than the root's own
    /// marker, and virtual environments, are left out).
    pub fn of(root: &Path) -> io::Result<Copy> {
        // Not `.tmp…`: Tecton (and check) skip every path holding a hidden component.
        let dir = tempfile::Builder::new()
            .prefix("tecton-preflight-upgrade-")
            .tempdir_in(crate::source::scratch_parent())?;
        let name = root
            .file_name()
            .map_or_else(|| "repo".into(), |n| n.to_os_string());
        let copy_root = dir.path().join(name);
        copy_dir(root, &copy_root, true)?;
        Ok(Copy {
            _dir: dir,
            root: copy_root,
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The copy's path for a path of the real root (unchanged when outside it).
    pub fn map_in(&self, real_root: &Path, path: &Path) -> PathBuf {
        match path.strip_prefix(real_root) {
            Ok(rel) => self.root.join(rel),
            Err(_) => path.to_path_buf(),
        }
    }

    /// The real root's path for a path of the copy (unchanged when outside it).
    pub fn map_out(&self, real_root: &Path, path: &Path) -> PathBuf {
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
