//! TEMPORARY STUB (replaced by the real module).
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

pub enum Marker {
    File,
    Directory,
    RepoYamlOnly,
}
pub struct Root {
    pub path: PathBuf,
    pub marker: Marker,
}
pub struct Discovery {
    pub roots: Vec<Root>,
    pub diagnostics: Vec<Diagnostic>,
}
pub fn find_roots(path: &Path, _home: Option<&Path>) -> Discovery {
    Discovery { roots: vec![Root { path: std::fs::canonicalize(path).unwrap_or(path.to_path_buf()), marker: Marker::File }], diagnostics: vec![] }
}
pub struct FileSet {
    pub files: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
}
pub fn collect_files(root: &Path) -> FileSet {
    let mut files = Vec::new();
    fn walk(d: &Path, out: &mut Vec<PathBuf>) {
        if let Ok(rd) = std::fs::read_dir(d) {
            for e in rd.flatten() {
                let p = e.path();
                if p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) { continue; }
                if p.is_dir() { walk(&p, out) } else if p.extension().is_some_and(|e| e == "py") { out.push(p) }
            }
        }
    }
    walk(root, &mut files);
    files.sort();
    FileSet { files, diagnostics: vec![] }
}
