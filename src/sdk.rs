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
}

// ---- TEMPORARY STUBS (replaced by the real module) ----
pub struct Releases;
pub fn releases() -> &'static Releases {
    &Releases
}
impl Releases {
    pub fn generated(&self) -> &str {
        "stub"
    }
    pub fn is_published(&self, _v: &str) -> bool {
        true
    }
    pub fn minors(&self) -> Vec<Minor> {
        vec![Minor { major: 1, minor: 2 }]
    }
    pub fn next_minor(&self, m: Minor) -> Minor {
        Minor { major: m.major, minor: m.minor + 1 }
    }
    pub fn newest_final(&self, m: Minor) -> Option<String> {
        Some(format!("{m}.0"))
    }
    pub fn end_of_support(&self, _m: Minor) -> Option<&str> {
        None
    }
}
pub struct Window {
    pub sdk: Minor,
    pub next: Minor,
}
pub fn window(sdk: &SdkVersion) -> Window {
    Window { sdk: sdk.minor, next: releases().next_minor(sdk.minor) }
}
impl Window {
    pub fn allows(&self, m: Minor) -> bool {
        m == self.sdk || m == self.next
    }
    pub fn describe(&self) -> String {
        format!("{}.x, {}.x", self.sdk, self.next)
    }
}
pub enum RuntimeForm {
    Exact { minor: Minor, prerelease: bool, normalized: String },
    NotExact,
}
pub fn classify_runtime(text: &str) -> RuntimeForm {
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() == 3 {
        if let (Ok(a), Ok(b)) = (parts[0].parse(), parts[1].parse()) {
            return RuntimeForm::Exact { minor: Minor { major: a, minor: b }, prerelease: false, normalized: text.into() };
        }
    }
    RuntimeForm::NotExact
}
pub fn today() -> String {
    "2026-11-24".into()
}
pub struct DetectEnv {
    pub virtual_env: Option<PathBuf>,
}
pub struct Detection {
    pub sdk: Option<Sdk>,
    pub searched: Vec<PathBuf>,
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
}
pub fn detect(_root: &std::path::Path, flag: Option<&str>, _env: &DetectEnv) -> Detection {
    Detection { sdk: flag.and_then(|f| parse_version_arg(f).ok()).map(|version| Sdk { version, source: SdkSource::Flag }), searched: vec![], diagnostics: vec![] }
}
pub fn parse_version_arg(s: &str) -> Result<SdkVersion, String> {
    let parts: Vec<u64> = s.split('.').filter_map(|p| p.parse().ok()).collect();
    match parts.as_slice() {
        [a, b] => Ok(SdkVersion { minor: Minor { major: *a, minor: *b }, patch: 0, exact: false, display: s.into() }),
        [a, b, c] => Ok(SdkVersion { minor: Minor { major: *a, minor: *b }, patch: *c, exact: true, display: s.into() }),
        _ => Err(format!("bad version {s}")),
    }
}
