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
        let mut links = Vec::new();
        copy_dir(root, &copy_root, true, &mut links)?;
        relink(root, &copy_root, &links)?;
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

    /// Whether `path` is one of the copy's own files (never one of the user's), its links
    /// resolved: a link of the copy may lead to a file of the user's, which is read, never written.
    pub fn holds(&self, path: &Path) -> bool {
        if !path.starts_with(self.dir.path()) {
            return false;
        }
        let Ok(dir) = fs::canonicalize(self.dir.path()) else {
            return false;
        };
        // A file the step creates does not exist yet: its folder decides.
        let resolved = fs::canonicalize(path).or_else(|err| {
            if fs::symlink_metadata(path).is_err() {
                crate::source::resolved_folder(path)
            } else {
                Err(err)
            }
        });
        resolved.is_ok_and(|resolved| resolved.starts_with(dir))
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

/// Copies the regular files and folders of `from` into `to`; links are gathered in `links`
/// (each link's path in the copy, and in the original), to be made again once every file is in
/// place.
fn copy_dir(
    from: &Path,
    to: &Path,
    top: bool,
    links: &mut Vec<(PathBuf, PathBuf)>,
) -> io::Result<()> {
    fs::create_dir_all(to)?;
    if !top && from.join("pyvenv.cfg").exists() {
        return Ok(());
    }
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        let hidden = name.to_string_lossy().starts_with('.');
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if hidden && !(top && (name == ".tecton" || !kind.is_dir())) {
            continue;
        }
        if kind.is_symlink() {
            links.push((to.join(&name), path));
        } else if kind.is_dir() {
            copy_dir(&path, &to.join(&name), false, links)?;
        } else if kind.is_file() && entry.metadata().is_ok_and(|m| m.len() <= MAX_FILE_BYTES) {
            fs::copy(&path, to.join(&name))?;
        }
    }
    Ok(())
}

/// Makes again, in the copy, each link of the root, so that the copy's walk and imports meet
/// what the root's do: a folder link is not entered by Tecton's walk, and a file link is the file
/// it leads to, read once. A link that leads to a copied file or folder of the root leads to the
/// copy's; any other (outside the root, to what was not copied, broken or looping) leads to the
/// original link, and so resolves as it does.
fn relink(root: &Path, copy_root: &Path, links: &[(PathBuf, PathBuf)]) -> io::Result<()> {
    let real_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for (in_copy, original) in links {
        let original = std::path::absolute(original)?;
        let target = fs::canonicalize(&original)
            .ok()
            .and_then(|target| {
                let rel = target.strip_prefix(&real_root).ok()?;
                let copied = copy_root.join(rel);
                fs::symlink_metadata(&copied).is_ok().then_some(copied)
            })
            .unwrap_or(original);
        link(&target, in_copy)?;
    }
    Ok(())
}

#[cfg(unix)]
fn link(target: &Path, at: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, at)
}

#[cfg(windows)]
fn link(target: &Path, at: &Path) -> io::Result<()> {
    if target.is_dir() {
        std::os::windows::fs::symlink_dir(target, at)
    } else {
        std::os::windows::fs::symlink_file(target, at)
    }
}

#[cfg(not(any(unix, windows)))]
fn link(_target: &Path, _at: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    #[test]
    fn links_are_made_again_and_the_copy_never_writes_through_one_that_leaves_it() {
        let outside = tempfile::tempdir().expect("a folder");
        fs::write(outside.path().join("shared.py"), "x = 1\n").expect("write");
        let dir = tempfile::tempdir().expect("a folder");
        let root = dir.path().join("repo");
        fs::create_dir_all(root.join("features")).expect("mkdir");
        fs::write(root.join("features/views.py"), "y = 2\n").expect("write");
        symlink("views.py", root.join("features/again.py")).expect("link");
        symlink(outside.path().join("shared.py"), root.join("shared.py")).expect("link");
        symlink(outside.path(), root.join("elsewhere")).expect("link");
        symlink("..", root.join("up")).expect("link");
        symlink("missing.py", root.join("broken.py")).expect("link");

        let copy = Copy::of(&root, &[]).expect("the copy");
        let at = |rel: &str| copy.root().join(rel);
        for rel in [
            "features/again.py",
            "shared.py",
            "elsewhere",
            "up",
            "broken.py",
        ] {
            let kind = fs::symlink_metadata(at(rel)).expect(rel).file_type();
            assert!(kind.is_symlink(), "{rel} is a link again");
        }
        // A link within the root leads to the copy's file, one outside to the original.
        assert_eq!(
            fs::canonicalize(at("features/again.py")).ok(),
            fs::canonicalize(at("features/views.py")).ok()
        );
        assert_eq!(
            fs::read_to_string(at("shared.py")).ok().as_deref(),
            Some("x = 1\n")
        );
        assert!(fs::metadata(at("broken.py")).is_err());

        assert!(copy.holds(&at("features/views.py")));
        assert!(copy.holds(&at("features/again.py")));
        assert!(copy.holds(&at("features/new.py")), "a file a step creates");
        assert!(!copy.holds(&at("shared.py")), "leads to the user's file");
        assert!(!copy.holds(&at("elsewhere/shared.py")));
        assert!(!copy.holds(&at("elsewhere/new.py")));
        assert!(
            !copy.holds(&at("broken.py")),
            "a dangling link is not created through"
        );
        assert!(!copy.holds(&root.join("features/views.py")));
    }
}
