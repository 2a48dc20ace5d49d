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

/// The options of `check PATH` in scenario `dir` with the words of its `args` file; `None` for a
/// word the suites do not model (`--diff` only changes how fixes are shown, so it is passed over).
pub fn check_options(
    dir: &Path,
    path: &Path,
    args: &str,
) -> Option<tecton_preflight::check::CheckOptions> {
    use tecton_preflight::analyze::DefaultCompute;
    let mut default_compute = None;
    let mut config = None;
    let mut sdk_version = None;
    let mut words = args.split_whitespace().filter(|w| *w != "--diff");
    while let Some(word) = words.next() {
        match (word, words.next()) {
            ("--default-compute", Some("rift")) => default_compute = Some(DefaultCompute::Rift),
            ("--default-compute", Some("spark")) => default_compute = Some(DefaultCompute::Spark),
            ("--config", Some(file)) => config = Some(dir.join(file)),
            ("--sdk-version", Some(version)) => sdk_version = Some(version.to_string()),
            _ => return None,
        }
    }
    Some(tecton_preflight::check::CheckOptions {
        paths: vec![path.to_path_buf()],
        sdk_version,
        config,
        default_compute,
        select: None,
        ignore: None,
        home: Some(std::env::temp_dir()),
        virtual_env: None,
        top: None,
    })
}
