//! What several test suites share about `test_repos/`: where it is, and its scenario folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

pub fn test_repos() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_repos")
}

/// Every folder (at any depth) of `test_repos/` holding `name`, sorted.
pub fn folders_with(name: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![test_repos()];
    while let Some(dir) = stack.pop() {
        if dir.join(name).is_file() {
            out.push(dir.clone());
        }
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                if entry.file_type().is_ok_and(|t| t.is_dir()) {
                    stack.push(entry.path());
                }
            }
        }
    }
    out.sort();
    out
}

/// The scenario folders: those with an `expected.out`.
pub fn scenarios() -> Vec<PathBuf> {
    folders_with("expected.out")
}
