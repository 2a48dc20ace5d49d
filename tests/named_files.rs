//! The pre-commit path sees what a commit breaks: for every scenario under `test_repos/` (each
//! folder with an `expected.out`) and every Python file F in it, `check F` reports every error of
//! the full check that has a place in F (its primary span, a label, or an object it concerns),
//! and nothing the full check
//! does not report. A runtime constant of `common/versions.py` used by a view in `features/a.py`
//! must therefore be reported both for `check features/a.py` and for `check common/versions.py`.
//! Files that hold no place of an error have nothing to miss and are not checked alone.
//!
//! The checks run in this process (one binary run per file would take seconds), in the
//! environment of `tests/repos.rs`: a fixed date, no virtual environment, `$HOME` outside the test
//! repositories. This file holds one test, so setting the environment cannot race another test.

mod common;

use common::{scenarios, test_repos};
use std::path::{Path, PathBuf};

use tecton_preflight::check::{self, CheckOptions};
use tecton_preflight::diagnostic::{Diagnostic, Severity, Span};

/// Whether this checkout lies below a hidden directory (see `tests/repos.rs`).
fn checkout_is_hidden() -> bool {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

/// Every file below `dir` (hidden folders too) whose name ends in `.py`, sorted.
fn python_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                Ok(t) if t.is_file() && path.extension().is_some_and(|e| e == "py") => {
                    out.push(path)
                }
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// The options of `check PATH` with the scenario's extra arguments (its `args` file).
fn options(dir: &Path, path: &Path, args: &str) -> CheckOptions {
    common::check_options(dir, path, args)
        .unwrap_or_else(|| panic!("teach this test the arguments `{args}` of an `args` file"))
}

fn run(dir: &Path, path: &Path, args: &str) -> Vec<Diagnostic> {
    let options = options(dir, path, args);
    // Files are parsed on rayon's threads and the interpreter may recurse deeply: the binary gives
    // both large stacks, and so does this test.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(256 * 1024 * 1024)
        .build_global();
    std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || check::run(&options).diagnostics)
        .expect("spawn")
        .join()
        .expect("check does not panic")
}

fn places(d: &Diagnostic) -> impl Iterator<Item = &Span> {
    d.span
        .iter()
        .chain(d.labels.iter().map(|l| &l.span))
        .chain(d.anchors.iter().map(|a| &a.span))
}

/// The same finding: what it says and where, without the objects it concerns, which a finding in
/// a repo config that several roots share gathers from every root the run checks (a named file's
/// run checks its own root).
fn same(a: &Diagnostic, b: &Diagnostic) -> bool {
    (a.code, &a.span, &a.message, &a.labels, &a.help)
        == (b.code, &b.span, &b.message, &b.labels, &b.help)
}

fn describe(d: &Diagnostic) -> String {
    let at = d
        .span
        .as_ref()
        .map(|s| format!("{}@{}", s.file.display(), s.start()))
        .unwrap_or_default();
    format!("{at} {} {}", d.code, d.message)
}

#[test]
fn checking_one_file_reports_every_error_with_a_place_in_it() {
    std::env::set_var("TECTON_PREFLIGHT_TODAY", "2026-11-24");
    std::env::remove_var("VIRTUAL_ENV");
    if checkout_is_hidden() {
        std::env::set_var("TECTON_REPO_IGNORE_ALL_HIDDEN_DIRS", "false");
    }
    let mut failures = Vec::new();
    let mut files_checked = 0;
    let mut placed_elsewhere = 0;
    for dir in scenarios() {
        if checkout_is_hidden()
            && dir
                .strip_prefix(test_repos())
                .is_ok_and(|r| r.to_string_lossy().contains('.'))
        {
            continue;
        }
        let args = std::fs::read_to_string(dir.join("args")).unwrap_or_default();
        let full = run(&dir, &dir, &args);
        for file in python_files(&dir) {
            let resolved = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            let here = |s: &Span| *s.file == *file || *s.file == *resolved;
            let errors_here: Vec<&Diagnostic> = full
                .iter()
                .filter(|d| d.severity() == Severity::Error && places(d).any(here))
                .collect();
            // A file that holds no place of an error has nothing to miss: not checking it alone
            // keeps the test fast (some scenarios take seconds each in a debug build).
            if errors_here.is_empty() {
                continue;
            }
            files_checked += 1;
            let one = run(&dir, &file, &args);
            for d in errors_here {
                if !one.iter().any(|o| same(o, d)) {
                    failures.push(format!("check {}: missing {}", file.display(), describe(d)));
                }
                if !d.span.as_ref().is_some_and(here) {
                    placed_elsewhere += 1;
                }
            }
            for d in &one {
                if !full.iter().any(|f| same(f, d)) {
                    failures.push(format!(
                        "check {}: reports what the full check does not: {}",
                        file.display(),
                        describe(d)
                    ));
                }
            }
        }
    }
    assert!(files_checked >= 20, "Python files checked: {files_checked}");
    assert!(
        placed_elsewhere > 0,
        "some error must have a label in a file other than its primary one's, or this test proves little"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
