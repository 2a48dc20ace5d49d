//! The Tecton SDK version a root is applied with: where it is found, and the release data
//! (`data/releases.toml`, compiled in) that the window rules compare against.

use std::path::PathBuf;

/// A Tecton minor line such as 1.2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Minor {
    pub major: u64,
    pub minor: u64,
}

impl std::fmt::Display for Minor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// The SDK version in use. `display` is what the user wrote or what is installed (`1.2`, `1.2.13`,
/// `1.3.0b4`); `patch` is the exact patch when known, else the newest published patch of the minor
/// that the pin allows (what `pip install` would pick), so that patch-dependent behaviour can be keyed
/// on it; `exact` says which of the two it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SdkVersion {
    pub minor: Minor,
    pub patch: u64,
    pub exact: bool,
    pub display: String,
}

impl SdkVersion {
    /// True when this version is at least `major.minor.patch`.
    pub fn at_least(&self, major: u64, minor: u64, patch: u64) -> bool {
        (self.minor.major, self.minor.minor, self.patch) >= (major, minor, patch)
    }
}

/// Where the SDK version was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SdkSource {
    /// `--sdk-version`.
    Flag,
    /// The tool's own configuration file.
    ToolConfig(PathBuf),
    /// A requirements file, `pyproject.toml` or `setup.cfg`, with the pin's text.
    PinFile(PathBuf),
    /// The `tecton` distribution installed in the active virtual environment (its METADATA file).
    Installed(PathBuf),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sdk {
    pub version: SdkVersion,
    pub source: SdkSource,
    /// Where the version is written: the pin, or the configuration's `sdk-version` value.
    pub place: Option<crate::diagnostic::Span>,
}

// releases: the data and the window; version: runtime strings, `--sdk-version`, today's date;
// detect: where the version comes from; pins: reading `tecton` out of pin files; starter: the
// repo.yaml `tecton init` writes.
pub mod api;
mod detect;
mod pins;
mod releases;
mod starter;
mod subset_toml;
mod version;

pub use detect::{
    contradicting_pin, detect, other_pins, requirement_minor, DetectEnv, Detection, Stop,
};
pub use releases::{releases, window, Releases, Window};
pub use starter::{starter_repo_config, Starter};
pub use version::{check_released, classify_runtime, parse_version_arg, today, RuntimeForm};

/// The files a requirements file includes (`-r`/`-c`), each joined to the folder of `file`, as
/// detection follows them (a plan uses it to tell which files a root's pins can reach).
pub fn requirement_includes(file: &std::path::Path, text: &str) -> Vec<std::path::PathBuf> {
    pins::parse_requirements_txt(file, text)
        .items
        .into_iter()
        .filter_map(|item| match item {
            pins::Item::Include { path, .. } => Some(path),
            pins::Item::Requirement(_) => None,
        })
        .collect()
}
/// The release data, compiled in; parsed once by [`releases()`].
const RELEASES_TOML: &str = include_str!("../data/releases.toml");
