//! A check for the reports alone (`check::run_for_reports`, what `check` runs) keeps less than a
//! full check (no parameter texts, no texts of files without findings, objects only as the reports
//! list them): for every scenario under `test_repos/`, every report format must still print the
//! same bytes from it as from the full check.
//!
//! The environment is that of `tests/repos.rs`: a fixed date, no virtual environment. This file
//! holds one test, so setting the environment cannot race another test.

mod common;

use common::scenarios;
use std::path::Path;

use tecton_preflight::check::{self, CheckOptions, CheckResult};
use tecton_preflight::report::{self, Format, ReportOptions};

/// The options of `check DIR` with the scenario's extra arguments (its `args` file), or `None`
/// for arguments this test does not model.
fn options(dir: &Path) -> Option<CheckOptions> {
    let args = std::fs::read_to_string(dir.join("args")).unwrap_or_default();
    common::check_options(dir, dir, &args)
}

fn on_large_stack(f: impl FnOnce() -> CheckResult + Send + 'static) -> CheckResult {
    // The binary gives rayon's threads and the checking thread large stacks; so does this test.
    let _ = rayon::ThreadPoolBuilder::new()
        .stack_size(256 * 1024 * 1024)
        .build_global();
    std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("check does not panic")
}

fn printed(result: &CheckResult, format: Format, cwd: &Path) -> String {
    let options = ReportOptions {
        format,
        color: false,
        quiet: false,
        cwd: cwd.to_path_buf(),
        repo_top: None,
    };
    let mut out = Vec::new();
    report::print(result, &options, &mut out).expect("print");
    String::from_utf8(out).expect("UTF-8")
}

#[test]
fn the_reports_of_a_check_for_the_reports_are_those_of_a_full_check() {
    std::env::set_var("TECTON_PREFLIGHT_TODAY", "2026-11-24");
    std::env::remove_var("VIRTUAL_ENV");
    std::env::set_var("TECTON_REPO_IGNORE_ALL_HIDDEN_DIRS", "false");
    let formats = [
        Format::Full,
        Format::Concise,
        Format::Json,
        Format::Github,
        Format::Gitlab,
        Format::Sarif,
        Format::Junit,
    ];
    let mut compared = 0;
    let mut objects = 0;
    for dir in scenarios() {
        let Some(options) = options(&dir) else {
            continue;
        };
        let options = std::sync::Arc::new(options);
        let (a, b) = (options.clone(), options.clone());
        let full = on_large_stack(move || check::run(&a));
        let lean = on_large_stack(move || check::run_for_reports(&b));
        objects += lean.roots.iter().map(|r| r.object_count()).sum::<usize>();
        for format in formats {
            assert_eq!(
                printed(&full, format, &dir),
                printed(&lean, format, &dir),
                "{format:?} in {}",
                dir.display()
            );
        }
        compared += 1;
    }
    assert!(compared > 50, "only {compared} scenarios compared");
    assert!(objects > 100, "only {objects} objects listed");
}
