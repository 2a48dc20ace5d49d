//! SDK version detection: the `--sdk-version` flag, then `tecton` pins in the root and its parents
//! up to a stop folder (the git top-level, or outside git the folder named on the command line;
//! the caller finds it), then the `tecton` installed in the active virtual environment.
//!
//! Choices where Tecton has no rule (the SDK itself only reads the installed package):
//! - per folder, nearest first: `requirements.txt`, other `requirements*.txt` (sorted),
//!   `requirements/*.txt` (sorted), `pyproject.toml`, `setup.cfg`; the first pin that resolves wins,
//!   and the folder's remaining pin files are listed in `searched` without being read (a second,
//!   different pin in the same folder is not reported);
//! - `-r`/`-c` includes are read where they stand, each file once (that also breaks cycles);
//! - a range pin resolves to the newest release in the data that satisfies it (what pip installs);
//!   `==X.Y.Z` and `===X.Y.Z` are used as written even when unpublished (`==9.9.9`, a beta);
//!   a range that matches no known release is a TP208 warning and the search goes on;
//! - an unpinned `tecton` is recorded in `unpinned` and the search goes on;
//! - environment markers are not evaluated: the first `tecton` line counts whatever its marker.

use std::collections::HashSet;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use pep440_rs::{Operator, Version, VersionSpecifiers};

use super::pins::{self, Constraint, Item, Parsed, Requirement};
use super::releases::{minor_of, releases};
use super::version::{exact_sdk_version, parse_version_arg};
use super::{Sdk, SdkSource, SdkVersion};
use crate::diagnostic::{Diagnostic, Span};

/// The process environment detection depends on; tests pass their own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DetectEnv {
    /// `$VIRTUAL_ENV`, the active virtual environment.
    pub virtual_env: Option<PathBuf>,
    /// Where the search for pins above the root ends.
    pub stop: Stop,
}

/// The last folder to look in for pins: the git top-level, or outside git the folder named on the
/// command line. A folder that is not the root or above it means the root only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Stop {
    /// The root only.
    #[default]
    Root,
    /// Up to this folder.
    At(PathBuf),
    /// Up to the root's git top-level, or outside git up to this folder. `git` is asked only when
    /// the root's own folder holds no pin: it costs a process, a good part of a pre-commit run.
    GitTopOr(PathBuf),
}

impl Stop {
    fn resolve(&self, root: &Path) -> Option<PathBuf> {
        let stop = match self {
            Stop::Root => return None,
            Stop::At(stop) => stop.clone(),
            Stop::GitTopOr(named) => crate::git::toplevel(root)
                .filter(|top| root.starts_with(top))
                .unwrap_or_else(|| named.clone()),
        };
        Some(clean(
            &std::path::absolute(&stop).unwrap_or_else(|_| stop.clone()),
        ))
    }
}

impl DetectEnv {
    /// The environment of this process (`VIRTUAL_ENV`).
    pub fn from_process() -> DetectEnv {
        DetectEnv {
            virtual_env: std::env::var_os("VIRTUAL_ENV").map(PathBuf::from),
            stop: Stop::Root,
        }
    }
}

/// The outcome of [`detect`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Detection {
    /// The SDK version and where it came from; `None` when nothing says.
    pub sdk: Option<Sdk>,
    /// Every pin file looked at, in order (absolute paths); for the virtual environment, the
    /// `METADATA` read, or the `site-packages` folders that held no `tecton`.
    pub searched: Vec<PathBuf>,
    /// TP208 warnings: files that could not be read or parsed, pins matching no release.
    pub diagnostics: Vec<Diagnostic>,
    /// The pin the version came from (`None` for the flag and the installed package).
    pub pin: Option<Span>,
    /// `tecton` requirements without a version that were passed over.
    pub unpinned: Vec<Span>,
}

/// Finds the SDK version for the feature repository at `root`. A `flag` that
/// [`parse_version_arg`] rejects is ignored (the CLI validates it first).
pub fn detect(root: &Path, flag: Option<&str>, env: &DetectEnv) -> Detection {
    let mut search = Search::default();
    if let Some(version) = flag.and_then(|f| parse_version_arg(f).ok()) {
        search.found.sdk = Some(Sdk {
            version,
            source: SdkSource::Flag,
            place: None,
        });
        return search.found;
    }
    let root = clean(&std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()));
    // The root first; the folders above it only when it holds no pin.
    let mut dirs = vec![root.clone()];
    let mut index = 0;
    while index < dirs.len() {
        let dir = dirs[index].clone();
        index += 1;
        let files = pin_files(&dir);
        for (i, (file, kind)) in files.iter().enumerate() {
            if let Some((version, source, span)) = search.file(file, *kind, 0) {
                search.found.sdk = Some(Sdk {
                    version,
                    source: SdkSource::PinFile(source),
                    place: Some(span.clone()),
                });
                search.found.pin = Some(span);
                for (rest, _) in &files[i + 1..] {
                    if !search.found.searched.contains(rest) {
                        search.found.searched.push(rest.clone());
                    }
                }
                return search.found;
            }
        }
        if index == 1 {
            // `search_dirs` starts with the root, done by now.
            dirs = search_dirs(&root, env.stop.resolve(&root).as_deref());
        }
    }
    if let Some(venv) = env
        .virtual_env
        .as_deref()
        .filter(|v| !v.as_os_str().is_empty())
    {
        let venv = clean(&std::path::absolute(venv).unwrap_or_else(|_| venv.to_path_buf()));
        if let Some((version, metadata)) = search.installed(&venv) {
            search.found.sdk = Some(Sdk {
                version,
                source: SdkSource::Installed(metadata),
                place: None,
            });
        }
    }
    search.found
}

/// The configuration's `sdk-version` wins over the pins (that is its purpose), but a pin is what
/// pip installs, and so the SDK that runs `tecton apply`: when the pin found for `root` selects
/// another version, a TP208 warning at the pin names both, rather than letting one win silently.
pub fn contradicting_pin(root: &Path, configured: &Sdk, env: &DetectEnv) -> Option<Diagnostic> {
    let pinned = detect(root, None, env).sdk?;
    let SdkSource::PinFile(file) = &pinned.source else {
        return None;
    };
    let (a, b) = (&configured.version, &pinned.version);
    if a.minor == b.minor && !(a.exact && b.exact && a.display != b.display) {
        return None;
    }
    let SdkSource::ToolConfig(config) = &configured.source else {
        return None;
    };
    let config_name = name(config);
    let mut diagnostic = Diagnostic::new(
        "TP208",
        format!(
            "this pin selects SDK {}, but `sdk-version = \"{}\"` in {config_name} overrides it: the checks use {}, while pip installs {} for `tecton apply`",
            b.display, a.display, a.display, b.display
        ),
    )
    .at(pinned
        .place
        .clone()
        .unwrap_or_else(|| Span::whole_file(file)))
    .with_span_label(format!("selects SDK {}", b.display))
    .with_help(format!(
        "make them agree: change or remove `sdk-version` in {config_name}, or change the pin"
    ));
    if let Some(place) = &configured.place {
        diagnostic = diagnostic.with_label(place.clone(), format!("SDK {} set here", a.display));
    }
    Some(diagnostic)
}

/// The folders to look in, nearest first: the root and its parents up to `stop` when `stop` is the
/// root or above it; only the root otherwise.
fn search_dirs(root: &Path, stop: Option<&Path>) -> Vec<PathBuf> {
    match stop {
        Some(stop) if root.starts_with(stop) => root
            .ancestors()
            .take_while(|dir| dir.starts_with(stop))
            .map(Path::to_path_buf)
            .collect(),
        _ => vec![root.to_path_buf()],
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Requirements,
    PyProject,
    SetupCfg,
}

/// The pin files of one folder, in reading order.
fn pin_files(dir: &Path) -> Vec<(PathBuf, Kind)> {
    let names = |dir: &Path, keep: &dyn Fn(&str) -> bool| -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_str().is_some_and(keep))
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        found.sort();
        found
    };
    let mut files = Vec::new();
    let main = dir.join("requirements.txt");
    if main.is_file() {
        files.push(main);
    }
    files.extend(names(dir, &|n| {
        n.starts_with("requirements") && n.ends_with(".txt") && n != "requirements.txt"
    }));
    files.extend(names(&dir.join("requirements"), &|n| n.ends_with(".txt")));
    let mut files: Vec<(PathBuf, Kind)> =
        files.into_iter().map(|f| (f, Kind::Requirements)).collect();
    for (name, kind) in [
        ("pyproject.toml", Kind::PyProject),
        ("setup.cfg", Kind::SetupCfg),
    ] {
        let path = dir.join(name);
        if path.is_file() {
            files.push((path, kind));
        }
    }
    files
}

/// Removes `.` and resolves `..` without touching the file system.
fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(component);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// How deep `-r` includes may nest before we stop following them.
const MAX_INCLUDE_DEPTH: usize = 32;

#[derive(Default)]
struct Search {
    found: Detection,
    /// Files already read (canonical paths): each is read once, which also stops include cycles.
    visited: HashSet<PathBuf>,
}

enum Resolution {
    Version(SdkVersion),
    Unpinned,
    NoMatch,
}

impl Search {
    fn warn(&mut self, span: Span, message: String, label: &str) {
        self.found.diagnostics.push(
            Diagnostic::new("TP208", message)
                .at(span)
                .with_span_label(label)
                .with_help("fix the file, or give the SDK version with --sdk-version X.Y"),
        );
    }

    /// Reads one pin file (and what it includes); the version, the file it came from, the pin.
    fn file(
        &mut self,
        path: &Path,
        kind: Kind,
        depth: usize,
    ) -> Option<(SdkVersion, PathBuf, Span)> {
        let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.visited.insert(key) {
            return None;
        }
        self.found.searched.push(path.to_path_buf());
        let text = match crate::source::read_regular(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    self.warn(
                        Span::new(path, at, at + 1),
                        format!("cannot read {}: it is not UTF-8 text", name(path)),
                        "not UTF-8",
                    );
                    return None;
                }
            },
            Err(e) => {
                self.warn(
                    Span::whole_file(path),
                    format!("cannot read {}: {e}", name(path)),
                    "unreadable",
                );
                return None;
            }
        };
        let Parsed { items, diagnostics } = match kind {
            Kind::Requirements => pins::parse_requirements_txt(path, &text),
            Kind::PyProject => pins::parse_pyproject(path, &text),
            Kind::SetupCfg => pins::parse_setup_cfg(path, &text),
        };
        self.found.diagnostics.extend(diagnostics);
        for item in items {
            match item {
                Item::Requirement(requirement) => match resolve(&requirement.constraint) {
                    Resolution::Version(version) => {
                        return Some((version, path.to_path_buf(), requirement.span));
                    }
                    Resolution::Unpinned => self.found.unpinned.push(requirement.span),
                    Resolution::NoMatch => self.no_match(path, &requirement),
                },
                Item::Include {
                    path: included,
                    span,
                } => {
                    let included = clean(&included);
                    if depth >= MAX_INCLUDE_DEPTH {
                        self.warn(
                            span,
                            format!("requirements includes nest deeper than {MAX_INCLUDE_DEPTH} files; not following {}", included.display()),
                            "too deep",
                        );
                    } else if !included.is_file() {
                        self.warn(
                            span,
                            format!(
                                "cannot read {}, included from {}: no such file",
                                included.display(),
                                name(path)
                            ),
                            "included file not found",
                        );
                    } else if let Some(found) = self.file(&included, Kind::Requirements, depth + 1)
                    {
                        return Some(found);
                    }
                }
            }
        }
        None
    }

    fn no_match(&mut self, path: &Path, requirement: &Requirement) {
        self.warn(
            requirement.span.clone(),
            format!(
                "the `tecton` requirement `{}` in {} matches no published release (release data of {})",
                requirement.text,
                name(path),
                releases().generated()
            ),
            "no release matches",
        );
    }

    /// The `tecton` installed in the virtual environment at `venv`: its version and METADATA path.
    fn installed(&mut self, venv: &Path) -> Option<(SdkVersion, PathBuf)> {
        let mut site_dirs: Vec<PathBuf> = fs::read_dir(venv.join("lib"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with("python"))
            })
            .map(|e| e.path().join("site-packages"))
            .collect();
        site_dirs.sort();
        site_dirs.push(venv.join("Lib").join("site-packages"));
        site_dirs.retain(|d| d.is_dir());
        if site_dirs.is_empty() {
            self.found.searched.push(venv.to_path_buf());
            return None;
        }
        for site in &site_dirs {
            let mut dist_infos: Vec<PathBuf> = fs::read_dir(site)
                .into_iter()
                .flatten()
                .flatten()
                .filter(|e| {
                    e.file_name().to_str().is_some_and(|n| {
                        let n = n.to_ascii_lowercase();
                        n.starts_with("tecton-") && n.ends_with(".dist-info")
                    })
                })
                .map(|e| e.path().join("METADATA"))
                .filter(|p| p.is_file())
                .collect();
            dist_infos.sort();
            for metadata in dist_infos {
                self.found.searched.push(metadata.clone());
                if let Some(version) = self.metadata(&metadata) {
                    return Some((version, metadata));
                }
            }
        }
        self.found.searched.extend(site_dirs);
        None
    }

    /// The `Version:` of a `tecton` METADATA file (core metadata headers, up to the first blank line).
    fn metadata(&mut self, path: &Path) -> Option<SdkVersion> {
        let text = match crate::source::read_regular(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                self.warn(
                    Span::whole_file(path),
                    format!("cannot read the installed tecton's METADATA: {e}"),
                    "unreadable",
                );
                return None;
            }
        };
        let mut version = None;
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let line = raw.trim_end_matches(['\n', '\r']);
            let start = offset;
            offset += raw.len();
            if line.is_empty() {
                break;
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let lead = value.len() - value.trim_start().len();
            let value_start = start + key.len() + 1 + lead;
            let value = value.trim();
            match key.trim().to_ascii_lowercase().as_str() {
                "name" if !pins::is_tecton(value) => return None,
                "version" if version.is_none() => {
                    version = Some((value.to_string(), value_start));
                }
                _ => {}
            }
        }
        let Some((value, start)) = version else {
            self.warn(
                Span::whole_file(path),
                "the installed tecton's METADATA has no Version".to_string(),
                "no Version header",
            );
            return None;
        };
        match Version::from_str(&value) {
            Ok(v) => Some(exact_sdk_version(&v)),
            Err(e) => {
                self.warn(
                    Span::new(path, start, start + value.len()),
                    format!("cannot read the installed tecton version `{value}`: {e}"),
                    "not a PEP 440 version",
                );
                None
            }
        }
    }
}

fn name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The minor that a `tecton` requirement, as written in a pin file, resolves to: a PEP 508
/// requirement (`tecton[pyspark]~=1.2.0`) or a Poetry constraint (`^1.2`). Used to check an edited
/// pin before it is written.
pub fn requirement_minor(text: &str) -> Option<super::Minor> {
    let parsed = super::pins::parse_requirements_txt(Path::new("pin"), text);
    let constraint = parsed.items.into_iter().find_map(|item| match item {
        super::pins::Item::Requirement(r) => Some(r.constraint),
        _ => None,
    });
    let constraint = match constraint {
        Some(c) => c,
        None => Constraint::AnyOf(super::pins::poetry_constraint(text).ok()?),
    };
    match resolve(&constraint) {
        Resolution::Version(version) => Some(version.minor),
        _ => None,
    }
}

/// The other `tecton` requirements of the pin file `file` (text `text`) that pin a version, besides
/// the one at `pin`: `tecton[pyspark]~=1.1.0` and `tecton[rift]~=1.1.0` on two lines must move
/// together, or pip cannot install both.
pub fn other_pins(file: &Path, text: &str, pin: &Span) -> Vec<Span> {
    let parsed = match file.file_name().and_then(|n| n.to_str()) {
        Some("pyproject.toml") => pins::parse_pyproject(file, text),
        Some("setup.cfg") => pins::parse_setup_cfg(file, text),
        _ => pins::parse_requirements_txt(file, text),
    };
    parsed
        .items
        .into_iter()
        .filter_map(|item| match item {
            Item::Requirement(r)
                if r.span != *pin && matches!(resolve(&r.constraint), Resolution::Version(_)) =>
            {
                Some(r.span)
            }
            _ => None,
        })
        .collect()
}

/// The SDK version a constraint pins: see the module comment.
fn resolve(constraint: &Constraint) -> Resolution {
    match constraint {
        Constraint::Unpinned => Resolution::Unpinned,
        Constraint::Exact(version) => Resolution::Version(exact_sdk_version(
            releases().find(version).unwrap_or(version),
        )),
        Constraint::AnyOf(sets) => {
            let sets: Vec<&VersionSpecifiers> = sets.iter().filter(|s| !s.is_empty()).collect();
            if sets.is_empty() {
                return Resolution::Unpinned;
            }
            // Poetry's `||`: the alternative that lets the newest release in.
            sets.into_iter()
                .filter_map(resolve_set)
                .max_by(|a, b| a.0.cmp(&b.0))
                .map_or(Resolution::NoMatch, |(_, version)| {
                    Resolution::Version(version)
                })
        }
    }
}

/// One specifier set: `==`/`===` pins are exact (the published spelling when there is one);
/// anything else is the newest release in the data that satisfies it, shown as its minor.
fn resolve_set(specifiers: &VersionSpecifiers) -> Option<(Version, SdkVersion)> {
    let pinned = specifiers
        .iter()
        .find(|s| matches!(s.operator(), Operator::Equal | Operator::ExactEqual));
    if let Some(pin) = pinned {
        let version = match pin.operator() {
            Operator::ExactEqual => pin.version(),
            _ => releases().find(pin.version()).unwrap_or(pin.version()),
        }
        .clone();
        return specifiers
            .contains(&version)
            .then(|| (version.clone(), exact_sdk_version(&version)));
    }
    let chosen = releases().newest_matching(specifiers)?;
    let minor = minor_of(chosen);
    Some((
        chosen.clone(),
        SdkVersion {
            minor,
            patch: chosen.release().get(2).copied().unwrap_or(0),
            exact: false,
            display: minor.to_string(),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sdk::Minor;

    /// A temporary folder tree; paths are made absolute and clean, as `detect` reports them.
    struct Tree {
        _dir: tempfile::TempDir,
        root: PathBuf,
    }

    impl Tree {
        fn new() -> Tree {
            let dir = tempfile::tempdir().unwrap();
            let root = clean(&std::path::absolute(dir.path()).unwrap());
            Tree { _dir: dir, root }
        }

        fn write(&self, rel: &str, text: &str) -> PathBuf {
            let path = self.root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
            path
        }

        fn mkdir(&self, rel: &str) -> PathBuf {
            let path = self.root.join(rel);
            fs::create_dir_all(&path).unwrap();
            path
        }

        fn detect(&self, rel: &str) -> Detection {
            detect(&self.root.join(rel), None, &DetectEnv::default())
        }

        /// Detection for the root `rel`, looking for pins up to `stop`.
        fn detect_up_to(&self, rel: &str, stop: &str) -> Detection {
            let env = DetectEnv {
                stop: Stop::At(self.root.join(stop)),
                ..DetectEnv::default()
            };
            detect(&self.root.join(rel), None, &env)
        }
    }

    fn m(major: u64, minor: u64) -> Minor {
        Minor { major, minor }
    }

    fn newest_patch(minor: Minor) -> u64 {
        let newest = releases().newest_final(minor).unwrap();
        newest.rsplit('.').next().unwrap().parse().unwrap()
    }

    fn version(d: &Detection) -> &SdkVersion {
        &d.sdk.as_ref().expect("a version").version
    }

    fn pin_file(d: &Detection) -> &Path {
        match &d.sdk.as_ref().expect("a version").source {
            SdkSource::PinFile(p) => p,
            other => panic!("not a pin file: {other:?}"),
        }
    }

    /// Resolves a requirements line in a fresh tree.
    fn resolve_line(line: &str) -> Detection {
        let tree = Tree::new();
        tree.write("requirements.txt", &format!("{line}\n"));
        tree.detect("")
    }

    #[test]
    fn flag_wins_and_reads_nothing() {
        let tree = Tree::new();
        tree.write("requirements.txt", "tecton==1.1.0\n");
        let d = detect(&tree.root, Some("0.9"), &DetectEnv::default());
        let sdk = d.sdk.unwrap();
        assert_eq!(sdk.source, SdkSource::Flag);
        assert_eq!((sdk.version.minor, sdk.version.exact), (m(0, 9), false));
        assert!(d.searched.is_empty());
        // An invalid flag is the CLI's business; here it is ignored.
        let d = detect(&tree.root, Some(">=1"), &DetectEnv::default());
        assert_eq!(version(&d).display, "1.1.0");
    }

    #[test]
    fn specifier_forms() {
        let p12 = newest_patch(m(1, 2));
        let p09 = newest_patch(m(0, 9));
        let p08 = newest_patch(m(0, 8));
        let newest = *releases().minors().last().unwrap();
        let cases: Vec<(&str, Minor, u64, bool, String)> = vec![
            ("tecton==1.2.5", m(1, 2), 5, true, "1.2.5".into()),
            ("tecton===1.2.5", m(1, 2), 5, true, "1.2.5".into()),
            ("tecton==1.2", m(1, 2), 0, true, "1.2.0".into()),
            ("tecton==1.2.*", m(1, 2), p12, false, "1.2".into()),
            ("tecton~=1.2.0", m(1, 2), p12, false, "1.2".into()),
            ("tecton[pyspark]~=1.2.0", m(1, 2), p12, false, "1.2".into()),
            ("tecton>=0.9,<1.0", m(0, 9), p09, false, "0.9".into()),
            ("tecton~=0.8.0rc0", m(0, 8), p08, false, "0.8".into()),
            ("tecton==0.10.0b30", m(0, 10), 0, true, "0.10.0b30".into()),
            ("tecton==0.8.0rc0", m(0, 8), 0, true, "0.8.0rc0".into()),
            ("tecton==9.9.9", m(9, 9), 9, true, "9.9.9".into()),
            (
                "tecton==1.2.5 ; python_version >= \"3.9\"",
                m(1, 2),
                5,
                true,
                "1.2.5".into(),
            ),
            (
                "tecton>=1.1",
                newest,
                newest_patch(newest),
                false,
                newest.to_string(),
            ),
            (
                "tecton~=1.0",
                newest,
                newest_patch(newest),
                false,
                newest.to_string(),
            ),
            (
                "tecton!=1.0.0",
                newest,
                newest_patch(newest),
                false,
                newest.to_string(),
            ),
        ];
        for (line, minor, patch, exact, display) in cases {
            let d = resolve_line(line);
            let v = version(&d);
            assert_eq!(
                (v.minor, v.patch, v.exact, v.display.as_str()),
                (minor, patch, exact, display.as_str()),
                "{line}"
            );
            assert!(d.diagnostics.is_empty(), "{line}: {:?}", d.diagnostics);
        }
        // `~=1.2` means >=1.2,<2.0: the newest 1.x final.
        let d = resolve_line("tecton~=1.2");
        let newest_1x = *releases().minors().iter().rfind(|x| x.major == 1).unwrap();
        assert_eq!(version(&d).minor, newest_1x);
        // Only betas match a pre-release range: the newest beta is used.
        let d = resolve_line("tecton~=0.10.0b30");
        assert_eq!(version(&d).minor, m(0, 10));
        assert!(!version(&d).exact);
    }

    #[test]
    fn a_pin_matching_nothing_warns_and_the_search_goes_on() {
        let tree = Tree::new();
        let req = tree.write("requirements.txt", "tecton>=50\n");
        let cfg = tree.write(
            "setup.cfg",
            "[options]\ninstall_requires =\n  tecton==1.0.3\n",
        );
        let d = tree.detect("");
        assert_eq!(version(&d).display, "1.0.3");
        assert_eq!(pin_file(&d), cfg);
        assert_eq!(d.diagnostics.len(), 1);
        let diag = &d.diagnostics[0];
        assert_eq!(diag.code, "TP208");
        assert!(
            diag.message.contains("matches no published release"),
            "{}",
            diag.message
        );
        assert_eq!(diag.span, Some(Span::new(&req, 0, "tecton>=50".len())));
        let pin = d.pin.unwrap();
        assert_eq!(
            (pin.file.to_path_buf(), pin.start()),
            (cfg, "[options]\ninstall_requires =\n  ".len())
        );
    }

    #[test]
    fn unpinned_is_recorded_and_passed_over() {
        let tree = Tree::new();
        let req = tree.write("requirements.txt", "pandas\ntecton[rift]\n");
        let dev = tree.write("requirements-dev.txt", "tecton==1.1.4\n");
        let py = tree.write(
            "pyproject.toml",
            "[project]\ndependencies=['tecton==1.2.0']\n",
        );
        let d = tree.detect("");
        assert_eq!(version(&d).display, "1.1.4");
        assert_eq!(pin_file(&d), dev);
        assert_eq!(d.unpinned, vec![Span::new(&req, 7, 19)]);
        // The rest of the folder is listed, unread.
        assert_eq!(d.searched, vec![req, dev, py]);
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn file_order_in_one_folder() {
        let tree = Tree::new();
        let files = [
            tree.write("setup.cfg", "[options]\ninstall_requires = tecton==0.8.1\n"),
            tree.write(
                "pyproject.toml",
                "[tool.poetry.dependencies]\ntecton = \"^0.9\"\n",
            ),
            tree.write("requirements/prod.txt", "tecton==1.0.1\n"),
            tree.write("requirements/base.txt", "flask\n"),
            tree.write("requirements-z.txt", "tecton\n"),
            tree.write("requirements-a.txt", "numpy\n"),
            tree.write("requirements.txt", "pandas\n"),
        ];
        tree.write("requirements.in", "tecton==0.1.0\n");
        tree.write("requirements/notes.md", "tecton==0.1.0\n");
        tree.write("constraints.txt", "tecton==0.1.0\n");
        let d = tree.detect("");
        assert_eq!(version(&d).display, "1.0.1");
        let expected: Vec<PathBuf> = [6, 5, 4, 3, 2, 1, 0]
            .iter()
            .map(|&i| files[i].clone())
            .collect();
        assert_eq!(d.searched, expected);

        fs::remove_file(&files[2]).unwrap();
        let d = tree.detect("");
        assert_eq!(version(&d).minor, m(0, 9));
        assert_eq!(version(&d).display, "0.9");
        fs::remove_file(&files[1]).unwrap();
        let d = tree.detect("");
        assert_eq!(version(&d).display, "0.8.1");
        assert_eq!(d.sdk.unwrap().source, SdkSource::PinFile(files[0].clone()));
    }

    #[test]
    fn walks_up_to_the_stop_folder_nearest_first() {
        let tree = Tree::new();
        tree.write("requirements.txt", "tecton==0.7.1\n"); // above the stop: never read
        let top = tree.write("repo/requirements.txt", "tecton==1.1.3\n");
        tree.mkdir("repo/features/spark");
        let d = tree.detect_up_to("repo/features/spark", "repo");
        assert_eq!(version(&d).display, "1.1.3");
        assert_eq!(pin_file(&d), top);
        assert_eq!(d.searched, vec![top.clone()]);

        // Nearer pins win.
        let near = tree.write(
            "repo/features/pyproject.toml",
            "[project]\ndependencies = [\"tecton~=1.2.0\"]\n",
        );
        let d = tree.detect_up_to("repo/features/spark/", "repo");
        assert_eq!(pin_file(&d), near);
        assert_eq!(version(&d).display, "1.2");

        // A relative root with `..` in it walks the real parents.
        let env = DetectEnv {
            stop: Stop::At(tree.root.join("repo/./features/..")),
            ..DetectEnv::default()
        };
        let d = detect(
            &tree.root.join("repo/features/spark/../spark/."),
            None,
            &env,
        );
        assert_eq!(pin_file(&d), near);
    }

    #[test]
    fn without_a_stop_above_the_root_only_the_root_is_read() {
        let tree = Tree::new();
        tree.write("requirements.txt", "tecton==1.0.9\n");
        tree.mkdir("plain/root");
        tree.write("plain/requirements.txt", "tecton==1.0.9\n");
        let d = tree.detect("plain/root");
        assert!(d.sdk.is_none());
        assert!(d.searched.is_empty());
        // A stop below the root (a file named inside it) is the root itself.
        let d = tree.detect_up_to("plain", "plain/root");
        assert_eq!(version(&d).display, "1.0.9");
        let d = tree.detect_up_to("plain/root", "plain/root");
        assert!(d.sdk.is_none());
        // A stop elsewhere is no stop.
        tree.mkdir("other");
        let d = tree.detect_up_to("plain/root", "other");
        assert!(d.sdk.is_none());
    }

    #[test]
    fn includes_are_followed_relative_to_the_including_file() {
        let tree = Tree::new();
        let main = tree.write("requirements.txt", "pandas\n-r requirements/base.txt\n");
        let base = tree.write("requirements/base.txt", "-c ../constraints/all.txt\n");
        let all = tree.write("constraints/all.txt", "tecton==1.2.2\n");
        let d = tree.detect("");
        assert_eq!(version(&d).display, "1.2.2");
        assert_eq!(pin_file(&d), all);
        // base.txt is not read twice when its turn in the folder order comes.
        assert_eq!(d.searched, vec![main, base.clone(), all]);
    }

    #[test]
    fn include_cycles_end() {
        let tree = Tree::new();
        let a = tree.write(
            "requirements.txt",
            "-r b.txt\n-r requirements.txt\ntecton\n",
        );
        let b = tree.write("b.txt", "-r ./requirements.txt\n-r c.txt\n");
        let c = tree.write("c.txt", "-r b.txt\n-r requirements.txt\n");
        let d = tree.detect("");
        assert!(d.sdk.is_none());
        assert_eq!(d.searched, vec![a, b, c]);
        assert_eq!(d.unpinned.len(), 1);
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    }

    #[test]
    fn missing_includes_and_bad_files_warn_and_the_search_goes_on() {
        let tree = Tree::new();
        let text = "numpy\n-r missing.txt\n";
        let req = tree.write("requirements.txt", text);
        let bad_line = "tecton=>1\n";
        let dev = tree.write("requirements-dev.txt", bad_line);
        let latin1 = tree.root.join("requirements-latin1.txt");
        fs::write(&latin1, b"tecton==1.0.0 # caf\xe9\n").unwrap();
        let py = tree.write("pyproject.toml", "[project\n");
        let cfg = tree.write(
            "setup.cfg",
            "[options]\ninstall_requires = tecton ~= 0.9.3\n",
        );
        let d = tree.detect("");
        assert_eq!(version(&d).display, "0.9");
        assert_eq!(
            d.searched,
            vec![req.clone(), dev.clone(), latin1.clone(), py.clone(), cfg]
        );
        let spans: Vec<(PathBuf, usize, usize)> = d
            .diagnostics
            .iter()
            .map(|x| {
                assert_eq!(x.code, "TP208");
                let s = x.span.clone().unwrap();
                (s.file.to_path_buf(), s.start(), s.end())
            })
            .collect();
        let include_at = text.find("-r").unwrap();
        assert_eq!(
            spans[0],
            (req, include_at, include_at + "-r missing.txt".len())
        );
        assert_eq!(spans[1], (dev, 0, bad_line.trim_end().len()));
        assert_eq!(spans[2].0, latin1);
        assert_eq!(spans[2].1, "tecton==1.0.0 # caf".len());
        assert_eq!(spans[3].0, py);
        assert_eq!(spans.len(), 4);
    }

    fn venv_with(tree: &Tree, site: &str, dist_info: &str, metadata: &str) -> PathBuf {
        tree.write(&format!("venv/{site}/{dist_info}/METADATA"), metadata)
    }

    #[test]
    fn installed_tecton_in_the_virtual_environment() {
        let tree = Tree::new();
        tree.mkdir("repo");
        let site = "lib/python3.11/site-packages";
        venv_with(
            &tree,
            site,
            "tecton_runtime-1.0.0.dist-info",
            "Name: tecton-runtime\nVersion: 1.0.0\n",
        );
        let meta = venv_with(
            &tree,
            site,
            "tecton-1.2.13.dist-info",
            "Metadata-Version: 2.1\r\nName: tecton\r\nVersion: 1.2.13\r\n\r\nVersion: 0.1\n",
        );
        let env = DetectEnv {
            virtual_env: Some(tree.root.join("venv")),
            stop: Stop::Root,
        };
        let d = detect(&tree.root.join("repo"), None, &env);
        let sdk = d.sdk.unwrap();
        assert_eq!(sdk.source, SdkSource::Installed(meta.clone()));
        assert_eq!(
            sdk.version,
            SdkVersion {
                minor: m(1, 2),
                patch: 13,
                exact: true,
                display: "1.2.13".into()
            }
        );
        assert_eq!(d.searched, vec![meta]);

        // A pin file beats the installed package.
        tree.write("repo/requirements.txt", "tecton==1.1.0\n");
        let d = detect(&tree.root.join("repo"), None, &env);
        assert_eq!(version(&d).display, "1.1.0");
    }

    #[test]
    fn installed_tecton_windows_layout_and_problems() {
        let tree = Tree::new();
        tree.mkdir("repo");
        let env = DetectEnv {
            virtual_env: Some(tree.root.join("venv")),
            stop: Stop::Root,
        };
        // No site-packages at all: the venv itself is listed.
        tree.mkdir("venv");
        let d = detect(&tree.root.join("repo"), None, &env);
        assert!(d.sdk.is_none());
        assert_eq!(d.searched, vec![tree.root.join("venv")]);

        let meta = venv_with(
            &tree,
            "Lib/site-packages",
            "tecton-1.0.2.dist-info",
            "Name: tecton\nVersion: 1.0.2\n",
        );
        let d = detect(&tree.root.join("repo"), None, &env);
        assert_eq!(d.sdk.unwrap().source, SdkSource::Installed(meta.clone()));

        let text = "Name: tecton\nVersion: one.two\n";
        fs::write(&meta, text).unwrap();
        let d = detect(&tree.root.join("repo"), None, &env);
        assert!(d.sdk.is_none());
        assert_eq!(d.diagnostics.len(), 1);
        let span = d.diagnostics[0].span.clone().unwrap();
        assert_eq!(&text[span.start()..span.end()], "one.two");
        assert_eq!(
            d.searched,
            vec![meta.clone(), tree.root.join("venv/Lib/site-packages")]
        );

        fs::write(&meta, "Name: tecton\n").unwrap();
        let d = detect(&tree.root.join("repo"), None, &env);
        assert!(d.sdk.is_none());
        assert_eq!(d.diagnostics.len(), 1);

        // An empty VIRTUAL_ENV is no virtual environment.
        let empty = DetectEnv {
            virtual_env: Some(PathBuf::new()),
            stop: Stop::Root,
        };
        let d = detect(&tree.root.join("repo"), None, &empty);
        assert!(d.searched.is_empty());
    }

    #[test]
    fn nothing_found() {
        let tree = Tree::new();
        let d = tree.detect("does/not/exist");
        assert_eq!(d, Detection::default());
        let d = tree.detect("");
        assert!(d.sdk.is_none() && d.searched.is_empty() && d.diagnostics.is_empty());
    }
}
