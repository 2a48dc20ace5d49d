//! Writing a changeset: every file is checked (inside an allowed root or file once symlinks are
//! resolved, and byte for byte what was read) before any is written; each is then written to a
//! temporary file in its own directory, with the original's permissions, flushed to disk and
//! renamed over the original, so a reader sees the old file or the new one, never half of one.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Changeset, FileEdits, FixError};

/// Writes every file of `changeset` and returns them, in path order. `allowed` holds feature
/// repository roots (anything below them may be written) and single files (pin files).
///
/// Refused, before anything is written: a file whose real path (symlinks resolved) is under no
/// allowed root and is no allowed file, and a file whose bytes differ from those its edits were
/// computed on. A symlink inside a root is followed: its target is rewritten, the link kept.
pub fn apply(changeset: &Changeset, allowed: &[PathBuf]) -> Result<Vec<PathBuf>, FixError> {
    let targets = checked_targets(changeset, allowed)?;
    let mut written = Vec::new();
    for (file, target) in targets {
        // Checked again right before the write, to keep the window for a concurrent edit small.
        unchanged(file, &target)?;
        let result = if file.created {
            create_atomically(&target, &file.rendered())
        } else {
            write_atomically(&target, &file.rendered())
        };
        result.map_err(|error| FixError::Io {
            file: file.path.clone(),
            error,
        })?;
        written.push(file.path.clone());
    }
    Ok(written)
}

/// The checks [`apply`] makes before writing anything, without writing: what `--diff` runs so
/// that it shows only what `--fix` would write.
pub fn verify(changeset: &Changeset, allowed: &[PathBuf]) -> Result<(), FixError> {
    checked_targets(changeset, allowed).map(|_| ())
}

/// Every file of the changeset with the real path to write, once each is known to be allowed and
/// unchanged.
fn checked_targets<'a>(
    changeset: &'a Changeset,
    allowed: &[PathBuf],
) -> Result<Vec<(&'a FileEdits, PathBuf)>, FixError> {
    let allowed: Vec<PathBuf> = allowed
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let mut targets = Vec::new();
    for file in changeset.files() {
        let target = target_of(file, &allowed)?;
        unchanged(file, &target)?;
        targets.push((file, target));
    }
    Ok(targets)
}

/// The real path to write for `file`, when it lies inside an allowed root or is an allowed file.
fn target_of(file: &FileEdits, allowed: &[PathBuf]) -> Result<PathBuf, FixError> {
    let io = |error| FixError::Io {
        file: file.path.clone(),
        error,
    };
    let real = if file.created {
        // A new file: its directory must exist and be inside a root.
        crate::source::resolved_folder(&file.path).map_err(io)?
    } else {
        std::fs::canonicalize(&file.path).map_err(io)?
    };
    let inside = allowed.iter().any(|a| {
        if a.is_dir() {
            real.starts_with(a) && real != *a
        } else {
            real == *a
        }
    });
    if inside {
        Ok(real)
    } else {
        Err(FixError::OutsideAllowed {
            file: file.path.clone(),
        })
    }
}

fn unchanged(file: &FileEdits, target: &Path) -> Result<(), FixError> {
    if file.created {
        // Something appeared where the file is to be created: never overwrite it.
        return match std::fs::symlink_metadata(target) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            _ => Err(FixError::ChangedSinceRead {
                file: file.path.clone(),
            }),
        };
    }
    let now = crate::source::read_regular(target).map_err(|error| FixError::Io {
        file: file.path.clone(),
        error,
    })?;
    if now == file.original {
        Ok(())
    } else {
        Err(FixError::ChangedSinceRead {
            file: file.path.clone(),
        })
    }
}

/// Replaces `target` with `bytes` through a temporary file beside it (same file system, so the
/// rename is atomic), keeping the original's permissions and, where allowed, its owner.
fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_observed(target, bytes, &mut |_| {})
}

/// Creates `target` with `bytes` through a temporary file beside it, never replacing a file that
/// appeared there meanwhile (the rename refuses to clobber).
fn create_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let (dir, mut temp) = temporary_beside(target)?;
    temp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // What an editor would create: readable by all, writable by the owner.
        temp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    temp.as_file().sync_all()?;
    temp.persist_noclobber(target).map_err(|e| e.error)?;
    sync_directory(dir);
    Ok(())
}

/// [`write_atomically`], calling `before_rename` with the temporary file's path once it is
/// complete (tests look at it there).
fn write_atomically_observed(
    target: &Path,
    bytes: &[u8],
    before_rename: &mut dyn FnMut(&Path),
) -> std::io::Result<()> {
    let metadata = std::fs::metadata(target)?;
    let (dir, mut temp) = temporary_beside(target)?;
    temp.write_all(bytes)?;
    temp.as_file().set_permissions(metadata.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; for anyone else the owner is already theirs.
        let _ =
            std::os::unix::fs::fchown(temp.as_file(), Some(metadata.uid()), Some(metadata.gid()));
    }
    temp.as_file().sync_all()?;
    before_rename(temp.path());
    // On failure the temporary file is removed when `temp` is dropped.
    temp.persist(target).map_err(|e| e.error)?;
    sync_directory(dir);
    Ok(())
}

/// A temporary file in `target`'s directory (the same file system, so the rename is atomic),
/// named after it, and that directory.
fn temporary_beside(target: &Path) -> std::io::Result<(&Path, tempfile::NamedTempFile)> {
    let dir = target
        .parent()
        .ok_or_else(|| std::io::Error::other("the file has no parent directory"))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tecton-preflight.tmp")
        .tempfile_in(dir)?;
    Ok((dir, temp))
}

/// The rename itself is durable once the directory is flushed (not possible on every system).
fn sync_directory(dir: &Path) {
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::write_atomically_observed;

    #[test]
    fn the_temporary_file_is_complete_and_beside_the_target_before_the_rename() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("repo.yaml");
        std::fs::write(&target, "old\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o604)).unwrap();
        }
        let mut seen = None;
        write_atomically_observed(&target, b"new\n", &mut |temp| {
            // The original is untouched until the rename; the new bytes wait in the same folder.
            assert_eq!(std::fs::read(&target).unwrap(), b"old\n");
            assert_eq!(std::fs::read(temp).unwrap(), b"new\n");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(temp).unwrap().permissions().mode();
                assert_eq!(mode & 0o777, 0o604);
            }
            seen = Some(temp.to_path_buf());
        })
        .unwrap();
        let temp = seen.expect("the temporary file was shown");
        assert_eq!(temp.parent(), target.parent());
        assert!(temp
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".repo.yaml."));
        assert!(!temp.exists());
        assert_eq!(std::fs::read(&target).unwrap(), b"new\n");
    }
}
