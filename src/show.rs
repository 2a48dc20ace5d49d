//! What `check --show-files` and `check --show-settings` report, as plain data: the Python files
//! Tecton would import from each root (after `.tectonignore`, as the check reads them), and the
//! settings a check of each root uses, each with where it came from.

use std::path::PathBuf;

use crate::analyze::DefaultCompute;
use crate::check::{self, CheckOptions, CheckResult};
use crate::discover;
use crate::source::Sources;

/// The files each root imports, in the order the check reads them.
pub fn files(options: &CheckOptions) -> Vec<(PathBuf, Vec<PathBuf>)> {
    let mut out: Vec<(PathBuf, Vec<PathBuf>)> = Vec::new();
    for path in &options.paths {
        for root in discover::find_roots(path, options.home.as_deref()).roots {
            if out.iter().any(|(seen, _)| *seen == root.path) {
                continue;
            }
            // A root inside a hidden directory imports nothing (TP004 says why).
            let files =
                if check::hidden_ancestor(&root.path).is_some() && check::ignores_hidden_paths() {
                    Vec::new()
                } else {
                    discover::collect_files(&root.path).files
                };
            out.push((root.path, files));
        }
    }
    out
}

/// Where a setting's value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum From {
    /// A command-line flag (its name).
    Flag(&'static str),
    /// The tool's configuration file.
    File(PathBuf),
    /// Neither: the default.
    Default,
}

/// The settings of one root.
pub struct RootSettings {
    pub root: PathBuf,
    /// The SDK version and the text that says where it came from (as `check` words it), if known.
    pub sdk: Option<crate::sdk::Sdk>,
    pub repo_config: PathBuf,
    pub repo_config_exists: bool,
    /// How a root without `.tecton` is checked (`tecton init`'s starter), when it has none.
    pub setup: Option<String>,
    /// The tool's configuration file, if any.
    pub config_file: Option<PathBuf>,
    pub default_compute: (DefaultCompute, From),
    /// Empty: every rule.
    pub select: (Vec<String>, From),
    pub ignore: (Vec<String>, From),
    pub files: usize,
}

/// The settings each root of a finished check used.
pub fn settings(options: &CheckOptions, result: &CheckResult) -> Vec<RootSettings> {
    result
        .roots
        .iter()
        .map(|root| {
            let (file, _) = crate::settings::load(&root.path, &Sources::default());
            let from_file = || file.path.clone().map_or(From::Default, From::File);
            let list = |flag: &Option<Vec<String>>, name, in_file: &Vec<String>| match flag {
                Some(codes) => (codes.clone(), From::Flag(name)),
                None if !in_file.is_empty() => (in_file.clone(), from_file()),
                None => (Vec::new(), From::Default),
            };
            let default_compute = match (options.default_compute, file.default_compute) {
                (Some(compute), _) => (compute, From::Flag("--default-compute")),
                (None, Some(compute)) => (compute, from_file()),
                (None, None) => (DefaultCompute::Unknown, From::Default),
            };
            RootSettings {
                root: root.path.clone(),
                sdk: root.sdk.clone(),
                repo_config: root.config_path.clone(),
                repo_config_exists: root.config_path.is_file(),
                setup: root.setup.clone(),
                config_file: file.path.clone(),
                default_compute,
                select: list(&options.select, "--select", &file.select),
                ignore: list(&options.ignore, "--ignore", &file.ignore),
                files: root.files,
            }
        })
        .collect()
}
