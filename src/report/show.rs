//! The text of `check --show-files` (one path a line, for scripts) and `check --show-settings`
//! (a block per root: each setting and where it came from).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{display_path, ReportOptions};
use crate::analyze::DefaultCompute;
use crate::show::{From, RootSettings};

pub fn print_files(
    roots: &[(PathBuf, Vec<PathBuf>)],
    cwd: &Path,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for (_, files) in roots {
        for file in files {
            writeln!(out, "{}", display_path(file, cwd))?;
        }
    }
    Ok(())
}

pub fn print_settings(
    roots: &[RootSettings],
    options: &ReportOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let cwd = &options.cwd;
    let from = |from: &From| match from {
        From::Flag(flag) => format!(" (from {flag})"),
        From::File(path) => format!(" (from {})", display_path(path, cwd)),
        From::Default => " (default)".to_string(),
    };
    for (i, root) in roots.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "Root: {}", display_path(&root.root, cwd))?;
        match &root.sdk {
            Some(sdk) => writeln!(
                out,
                "  sdk-version: {} (from {})",
                sdk.version.display,
                super::json::source_text(&sdk.source, options)
            )?,
            None => writeln!(out, "  sdk-version: unknown (see TP208)")?,
        }
        let config = display_path(&root.repo_config, cwd);
        match (&root.setup, root.repo_config_exists) {
            (_, true) => writeln!(out, "  repo config: {config}")?,
            (Some(setup), false) => writeln!(out, "  repo config: {config} (not there: {setup})")?,
            (None, false) => writeln!(out, "  repo config: {config} (not there)")?,
        }
        match &root.config_file {
            Some(path) => writeln!(out, "  configuration: {}", display_path(path, cwd))?,
            None => writeln!(out, "  configuration: none")?,
        }
        let compute = match root.default_compute.0 {
            DefaultCompute::Spark => "spark",
            DefaultCompute::Rift => "rift",
            DefaultCompute::Unknown => "unknown",
        };
        writeln!(
            out,
            "  default-compute: {compute}{}",
            from(&root.default_compute.1)
        )?;
        for (name, (codes, source), empty) in [
            ("select", &root.select, "every rule"),
            ("ignore", &root.ignore, "none"),
        ] {
            let list = if codes.is_empty() {
                empty.to_string()
            } else {
                codes.join(", ")
            };
            writeln!(out, "  {name}: {list}{}", from(source))?;
        }
        writeln!(out, "  files: {}", root.files)?;
    }
    Ok(())
}
