//! The release data (`data/releases.toml`) as queries: which versions are published, which minor
//! follows which, end-of-support dates and Rift environments; and the +1 window built on them.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::OnceLock;

use pep440_rs::{Operator, Version, VersionSpecifiers};

use super::subset_toml::{Cursor, Value};
use super::{Minor, SdkVersion};

/// A minor line's versions as the file lists them; parsed (and sorted in PEP 440 order) the first
/// time a query needs them. A check asks about one or two lines of the dozens the file lists, and
/// parsing all of its 760 versions took a noticeable part of a small repository's run.
struct Versions {
    texts: Vec<&'static str>,
    parsed: OnceLock<Vec<Version>>,
}

impl Versions {
    fn new(texts: Vec<&'static str>) -> Versions {
        Versions {
            texts,
            parsed: OnceLock::new(),
        }
    }

    fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }

    /// The versions in ascending order. A text that is not a version is left out; a test proves
    /// the compiled-in data has none.
    /// [`Versions::get`] when `wanted`, else nothing (and nothing parsed).
    fn get_if(&self, wanted: bool) -> &[Version] {
        if wanted {
            self.get()
        } else {
            &[]
        }
    }

    fn get(&self) -> &[Version] {
        self.parsed.get_or_init(|| {
            let mut versions: Vec<Version> = self
                .texts
                .iter()
                .filter_map(|text| Version::from_str(text).ok())
                .collect();
            versions.sort();
            versions
        })
    }
}

/// One minor line: its versions in ascending PEP 440 order.
struct Line {
    finals: Versions,
    prereleases: Versions,
    end_of_support: Option<&'static str>,
}

/// Every published `tecton` version and the hand-kept facts about each minor line.
pub struct Releases {
    generated: &'static str,
    lines: BTreeMap<Minor, Line>,
    rift_environments: Vec<&'static str>,
    /// (SDK version whose `tecton init` template was read, the environment it writes), ascending.
    starters: Vec<(Version, &'static str)>,
}

/// The release data compiled into the binary, read on first use.
pub fn releases() -> &'static Releases {
    static RELEASES: OnceLock<Releases> = OnceLock::new();
    RELEASES.get_or_init(|| {
        // The data is part of the program, not input: a test reads it, so failing here is a bug.
        Releases::parse(super::RELEASES_TOML).expect("data/releases.toml is valid")
    })
}

/// The minor line a version belongs to (`1.2.13` -> 1.2, `2` -> 2.0).
pub(crate) fn minor_of(version: &Version) -> Minor {
    let release = version.release();
    Minor {
        major: release.first().copied().unwrap_or(0),
        minor: release.get(1).copied().unwrap_or(0),
    }
}

fn parse_minor(text: &str) -> Option<Minor> {
    let (major, minor) = text.split_once('.')?;
    Some(Minor {
        major: major.parse().ok()?,
        minor: minor.parse().ok()?,
    })
}

/// The file's contents, as `scripts/refresh-releases.py` writes them.
#[derive(Debug, Default, PartialEq)]
struct RawData<'a> {
    generated: Option<&'a str>,
    minor: Vec<RawMinor<'a>>,
    rift_environment: Vec<&'a str>,
    starter_environment: Vec<(&'a str, &'a str)>,
}

#[derive(Debug, Default, PartialEq)]
struct RawMinor<'a> {
    minor: &'a str,
    end_of_support: Option<&'a str>,
    finals: Vec<&'a str>,
    prereleases: Vec<&'a str>,
}

/// Reads the release file with [`Cursor`]: `[[table]]` headers, and `key = "string"` or
/// `key = ["string", ...]`. Anything else is an error, and a test proves that it reads the file as
/// the `toml` crate does.
fn read_raw(text: &str) -> Result<RawData<'_>, String> {
    let mut data = RawData::default();
    let mut table = "";
    let mut at = Cursor::new(text);
    let mut starter: (Option<&str>, Option<&str>) = (None, None);
    let mut rift: Option<&str> = None;
    fn finish<'a>(
        table: &str,
        data: &mut RawData<'a>,
        starter: &mut (Option<&'a str>, Option<&'a str>),
        rift: &mut Option<&'a str>,
    ) -> Result<(), String> {
        match table {
            "minor" if data.minor.last().is_some_and(|m| m.minor.is_empty()) => {
                return Err("a [[minor]] without `minor`".to_string())
            }
            "rift_environment" => data
                .rift_environment
                .push(rift.take().ok_or("a [[rift_environment]] without `name`")?),
            "starter_environment" => match std::mem::take(starter) {
                (Some(sdk), Some(environment)) => data.starter_environment.push((sdk, environment)),
                _ => return Err("a [[starter_environment]] without `sdk` or `environment`".into()),
            },
            _ => {}
        }
        Ok(())
    }
    loop {
        at.skip_blank();
        if at.rest().is_empty() {
            break;
        }
        if let Some(rest) = at.rest().strip_prefix("[[") {
            let close = rest.find("]]").ok_or("an unclosed [[table]]")?;
            finish(table, &mut data, &mut starter, &mut rift)?;
            let name = rest[..close].trim();
            table = match name {
                "minor" => {
                    data.minor.push(RawMinor::default());
                    "minor"
                }
                "rift_environment" => "rift_environment",
                "starter_environment" => "starter_environment",
                _ => return Err(format!("an unknown table [[{name}]]")),
            };
            at.at += 2 + close + 2;
            continue;
        }
        let (key, value) = at.entry()?;
        let wrong = || format!("`{key}` has the wrong type");
        match (table, key, value) {
            ("", "generated", Value::Str(s)) => data.generated = Some(s),
            ("minor", _, value) => {
                let Some(entry) = data.minor.last_mut() else {
                    return Err(wrong());
                };
                match (key, value) {
                    ("minor", Value::Str(s)) => entry.minor = s,
                    ("end_of_support", Value::Str(s)) => entry.end_of_support = Some(s),
                    ("finals", Value::List(items)) => entry.finals = items,
                    ("prereleases", Value::List(items)) => entry.prereleases = items,
                    ("minor" | "end_of_support" | "finals" | "prereleases", _) => {
                        return Err(wrong())
                    }
                    _ => {}
                }
            }
            ("rift_environment", "name", Value::Str(s)) => rift = Some(s),
            ("starter_environment", "sdk", Value::Str(s)) => starter.0 = Some(s),
            ("starter_environment", "environment", Value::Str(s)) => starter.1 = Some(s),
            ("", "generated", _)
            | ("rift_environment", "name", _)
            | ("starter_environment", "sdk" | "environment", _) => return Err(wrong()),
            _ => {}
        }
    }
    finish(table, &mut data, &mut starter, &mut rift)?;
    Ok(data)
}

impl Releases {
    fn parse(text: &'static str) -> Result<Releases, String> {
        let raw = read_raw(text)?;
        let mut lines: BTreeMap<Minor, Line> = BTreeMap::new();
        for entry in raw.minor {
            let minor =
                parse_minor(entry.minor).ok_or_else(|| format!("bad minor `{}`", entry.minor))?;
            let line = Line {
                finals: Versions::new(entry.finals),
                prereleases: Versions::new(entry.prereleases),
                end_of_support: entry.end_of_support,
            };
            if lines.insert(minor, line).is_some() {
                return Err(format!("minor {minor} listed twice"));
            }
        }
        let mut starters = Vec::new();
        for (sdk, environment) in raw.starter_environment {
            let version = Version::from_str(sdk).map_err(|e| e.to_string())?;
            starters.push((version, environment));
        }
        starters.sort();
        Ok(Releases {
            generated: raw.generated.ok_or("no `generated`")?,
            lines,
            rift_environments: raw.rift_environment,
            starters,
        })
    }

    /// The date the version lists were last refreshed from PyPI (ISO, `YYYY-MM-DD`).
    pub fn generated(&self) -> &str {
        self.generated
    }

    /// True when `version` is a published release, compared PEP 440-normalized (`1.2.0RC1` is
    /// `1.2.0rc1`), but not zero-padded: `1.2` is not the release `1.2.0`.
    pub fn is_published(&self, version: &str) -> bool {
        let Ok(version) = Version::from_str(version) else {
            return false;
        };
        let Some(line) = self.lines.get(&minor_of(&version)) else {
            return false;
        };
        // Equal under PEP 440 pads with zeros (`1.2` == `1.2.0`); the normalized texts do not, so
        // the release segments must also have the same length.
        line.finals
            .get()
            .iter()
            .chain(line.prereleases.get())
            .any(|v| *v == version && v.release().len() == version.release().len())
    }

    /// The minors with at least one final release, ascending.
    pub fn minors(&self) -> Vec<Minor> {
        self.lines
            .iter()
            .filter(|(_, line)| !line.finals.is_empty())
            .map(|(minor, _)| *minor)
            .collect()
    }

    /// The minor released after `m`: the next one with a final release (0.9 -> 1.0, skipping the
    /// beta-only 0.10); else the next one with any release (1.2 -> 1.3 while 1.3 is in beta); else
    /// `major.minor+1`.
    pub fn next_minor(&self, m: Minor) -> Minor {
        let mut later = self.lines.range(m..).filter(|(minor, _)| **minor != m);
        let with_final = later.clone().find(|(_, line)| !line.finals.is_empty());
        match with_final.or_else(|| later.next()) {
            Some((minor, _)) => *minor,
            None => Minor {
                major: m.major,
                minor: m.minor.saturating_add(1),
            },
        }
    }

    /// The newest final release of `m` (`1.2` -> `1.2.13`), if it has one.
    pub fn newest_final(&self, m: Minor) -> Option<String> {
        self.lines
            .get(&m)
            .and_then(|line| line.finals.get().last())
            .map(Version::to_string)
    }

    /// The newest release of `m`, final or not (`1.3` -> `1.3.0b4` while 1.3 is in beta).
    pub fn newest_release(&self, m: Minor) -> Option<String> {
        let line = self.lines.get(&m)?;
        line.finals
            .get()
            .last()
            .or_else(|| line.prereleases.get().last())
            .map(Version::to_string)
    }

    /// Whether Tecton released the SDK minor `m`: it has a final release, or it is the line in beta
    /// now (pre-releases only, and no later line has a final release). 0.10 had only betas before
    /// the line went on as 1.0: it was never released.
    pub fn is_released_minor(&self, m: Minor) -> bool {
        let Some(line) = self.lines.get(&m) else {
            return false;
        };
        if !line.finals.is_empty() {
            return true;
        }
        !line.prereleases.is_empty()
            && !self
                .lines
                .range(m..)
                .any(|(minor, later)| *minor != m && !later.finals.is_empty())
    }

    /// The released minors nearest `m`: the last one before it and the first one after it.
    pub fn nearest_released_minors(&self, m: Minor) -> Vec<Minor> {
        let released = |minor: &&Minor| self.is_released_minor(**minor);
        let before = self.lines.range(..m).map(|(k, _)| k).rev().find(released);
        let after = self
            .lines
            .range(m..)
            .map(|(k, _)| k)
            .filter(|k| **k != m)
            .find(released);
        before.into_iter().chain(after).copied().collect()
    }

    /// The end-of-support date of `m` (ISO), where Tecton has published one.
    pub fn end_of_support(&self, m: Minor) -> Option<&str> {
        self.lines.get(&m)?.end_of_support
    }

    /// The names of Tecton's published Rift environments, oldest first.
    pub fn rift_environments(&self) -> Vec<&str> {
        self.rift_environments.clone()
    }

    /// The `environment` that the `tecton init` template of the newest known SDK of `m` writes
    /// (`1.2` -> `tecton-core-1.2.0`); `None` for minors without a Rift template.
    pub fn starter_environment(&self, m: Minor) -> Option<&str> {
        self.starters
            .iter()
            .rev()
            .find(|(version, _)| minor_of(version) == m)
            .map(|(_, environment)| *environment)
    }

    /// The release `pip install "tecton<specifiers>"` would pick from the data: the newest match,
    /// with pre-releases only when a specifier names one or when no final release matches.
    pub(crate) fn newest_matching(&self, specifiers: &VersionSpecifiers) -> Option<&Version> {
        let pre_allowed = specifiers.iter().any(|s| {
            !matches!(s.operator(), Operator::NotEqual | Operator::NotEqualStar)
                && s.version().any_prerelease()
        });
        // Every version of a line is above every version of the lines before it (the release
        // segment compares first), so the newest match is in the last line that has one: the lines
        // below it are never parsed.
        let newest = |with_finals: bool, with_pres: bool| {
            self.lines.values().rev().find_map(|line| {
                let finals = line.finals.get_if(with_finals).iter();
                let pres = line.prereleases.get_if(with_pres).iter();
                finals.chain(pres).filter(|v| specifiers.contains(v)).max()
            })
        };
        newest(true, pre_allowed).or_else(|| newest(false, true))
    }

    /// The published release equal to `version` under PEP 440 (`1.2` == `1.2.0`), if any.
    pub(crate) fn find(&self, version: &Version) -> Option<&Version> {
        let line = self.lines.get(&minor_of(version))?;
        line.finals
            .get()
            .iter()
            .chain(line.prereleases.get())
            .find(|v| *v == version)
    }
}

/// The runtime minors an SDK supports: its own minor and the minor released after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub sdk: Minor,
    pub next: Minor,
}

/// The +1 window of `sdk`, per the release data (SDK 0.9 -> runtimes 0.9.x and 1.0.x).
pub fn window(sdk: &SdkVersion) -> Window {
    Window {
        sdk: sdk.minor,
        next: releases().next_minor(sdk.minor),
    }
}

impl Window {
    /// True when a runtime of minor `runtime` is inside the window.
    pub fn allows(&self, runtime: Minor) -> bool {
        runtime == self.sdk || runtime == self.next
    }

    /// The allowed runtimes for messages: `0.9.x, 1.0.x`.
    pub fn describe(&self) -> String {
        format!("{}.x, {}.x", self.sdk, self.next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(major: u64, minor: u64) -> Minor {
        Minor { major, minor }
    }

    fn sdk(major: u64, minor: u64) -> SdkVersion {
        SdkVersion {
            minor: m(major, minor),
            patch: 0,
            exact: false,
            display: format!("{major}.{minor}"),
        }
    }

    /// The file as the `toml` crate reads it.
    #[derive(serde::Deserialize)]
    struct TomlData {
        generated: String,
        #[serde(default)]
        minor: Vec<TomlMinor>,
        #[serde(default)]
        rift_environment: Vec<TomlEnvironment>,
        #[serde(default)]
        starter_environment: Vec<TomlStarter>,
    }

    #[derive(serde::Deserialize)]
    struct TomlMinor {
        minor: String,
        end_of_support: Option<String>,
        #[serde(default)]
        finals: Vec<String>,
        #[serde(default)]
        prereleases: Vec<String>,
    }

    #[derive(serde::Deserialize)]
    struct TomlEnvironment {
        name: String,
    }

    #[derive(serde::Deserialize)]
    struct TomlStarter {
        sdk: String,
        environment: String,
    }

    /// The release file's own reader sees what a TOML parser sees.
    #[test]
    fn reader_reads_the_file_as_toml_does() {
        let text = super::super::RELEASES_TOML;
        let toml: TomlData = toml::from_str(text).unwrap();
        let ours = read_raw(text).unwrap();
        fn strs(v: &[String]) -> Vec<&str> {
            v.iter().map(String::as_str).collect()
        }
        let expected = RawData {
            generated: Some(&toml.generated),
            minor: toml
                .minor
                .iter()
                .map(|m| RawMinor {
                    minor: &m.minor,
                    end_of_support: m.end_of_support.as_deref(),
                    finals: strs(&m.finals),
                    prereleases: strs(&m.prereleases),
                })
                .collect(),
            rift_environment: toml.rift_environment.iter().map(|e| &*e.name).collect(),
            starter_environment: toml
                .starter_environment
                .iter()
                .map(|s| (&*s.sdk, &*s.environment))
                .collect(),
        };
        assert_eq!(ours, expected);
        assert!(ours.minor.len() > 10 && ours.starter_environment.len() > 2);
    }

    #[test]
    fn reader_refuses_what_it_does_not_read() {
        for bad in [
            "generated = \"x\"\n[[minor]]\nminor = \"1.\\u0032\"\n",
            "generated = 'x'\n",
            "generated = \"x\"\n[minor]\n",
            "generated = \"x\"\n[[other]]\n",
            "generated = [\"x\"]\n",
            "generated = \"x\"\n[[minor]]\nfinals = [\"1.0.0\"]\n",
            "generated = \"x\"\n[[minor]]\nminor = \"1.0\"\nfinals = [\"1.0.0\" \"1.0.1\"]\n",
            "generated = \"x\"\n[[starter_environment]]\nsdk = \"1.0.0\"\n",
            "generated = \"x\"\n[[rift_environment]]\n",
            "generated = \"x\nyz\"\n",
            "generated \"x\"\n",
        ] {
            assert!(read_raw(bad).is_err(), "{bad}");
        }
        let good = "# c\ngenerated = \"x\" # c\n[[minor]]\nminor = \"1.0\"\nnote = \"n\"\nfinals = [\n  \"1.0.1\", # c\n  \"1.0.0\",\n]\nprereleases = []\n";
        let raw = read_raw(good).unwrap();
        assert_eq!(raw.minor[0].finals, ["1.0.1", "1.0.0"]);
        assert!(raw.minor[0].prereleases.is_empty());
        assert!(Releases::parse(
            "generated = \"x\"\n[[minor]]\nminor = \"1.0\"\n[[minor]]\nminor = \"1.0\"\n"
        )
        .is_err());
    }

    /// Every version listed parses, under its own minor, with epoch 0 (what the queries that read
    /// one line at a time rely on), and is listed once.
    #[test]
    fn every_listed_version_is_valid_under_its_minor() {
        let r = releases();
        let mut seen = std::collections::HashSet::new();
        for (minor, line) in &r.lines {
            for list in [&line.finals, &line.prereleases] {
                assert_eq!(
                    list.get().len(),
                    list.texts.len(),
                    "{minor}: {:?}",
                    list.texts
                );
                for v in list.get() {
                    assert_eq!(minor_of(v), *minor, "{v}");
                    assert_eq!(v.epoch(), 0, "{v}");
                    assert!(seen.insert(v.to_string()), "{v} listed twice");
                }
            }
            assert!(line.finals.get().iter().all(|v| !v.any_prerelease()));
            assert!(line.prereleases.get().iter().all(|v| v.any_prerelease()));
        }
        assert!(seen.len() > 700);
    }

    #[test]
    fn data_parses_and_matches_the_facts() {
        let r = releases();
        assert!(r.generated().len() == 10 && r.generated().starts_with("20"));
        // tecton-facts.md §0: the final lines and their newest patches.
        for (minor, first_newest) in [
            (m(0, 7), "0.7.13"),
            (m(0, 8), "0.8.23"),
            (m(0, 9), "0.9.25"),
            (m(1, 0), "1.0.42"),
            (m(1, 1), "1.1.20"),
            (m(1, 2), "1.2.13"),
        ] {
            let newest = r.newest_final(minor).expect("has finals");
            let v = Version::from_str(&newest).unwrap();
            let floor = Version::from_str(first_newest).unwrap();
            assert!(v >= floor, "{minor}: {newest} < {first_newest}");
            assert_eq!(minor_of(&v), minor);
        }
        assert_eq!(r.newest_final(m(0, 10)), None);
        assert_eq!(r.newest_final(m(1, 3)), None, "1.3 is in beta");
        assert!(r
            .newest_release(m(1, 3))
            .is_some_and(|v| v.starts_with("1.3.0b") && r.is_published(&v)));
        assert_eq!(r.newest_release(m(1, 2)), r.newest_final(m(1, 2)));
        assert_eq!(r.newest_release(m(7, 7)), None);
        assert_eq!(r.newest_final(m(7, 7)), None);
        for v in [
            "0.10.0b0",
            "0.10.0b44",
            "1.3.0b0",
            "1.2.14b0",
            "0.7.0rc3",
            "1.0.0rc4",
        ] {
            assert!(r.is_published(v), "{v}");
        }
    }

    #[test]
    fn released_minors_are_finals_and_the_line_in_beta() {
        let r = releases();
        for released in [m(0, 7), m(0, 9), m(1, 0), m(1, 2), m(1, 3)] {
            assert!(r.is_released_minor(released), "{released}");
        }
        for never in [m(0, 10), m(1, 10), m(2, 0), m(0, 99)] {
            assert!(!r.is_released_minor(never), "{never}");
        }
        assert_eq!(r.nearest_released_minors(m(0, 10)), [m(0, 9), m(1, 0)]);
        assert_eq!(r.nearest_released_minors(m(1, 10)), [m(1, 3)]);
        assert_eq!(r.nearest_released_minors(m(2, 0)), [m(1, 3)]);
    }

    #[test]
    fn is_published_normalizes() {
        let r = releases();
        assert!(r.is_published("1.2.0"));
        assert!(r.is_published("0.8.0rc0"));
        assert!(r.is_published("0.8.0RC0"));
        assert!(r.is_published("0.8.0-rc.0"));
        assert!(r.is_published("1.2.13"));
        assert!(!r.is_published("99.99.99"));
        assert!(!r.is_published("0.10.0"));
        assert!(!r.is_published("1.2"), "not zero-padded");
        assert!(!r.is_published(""));
        assert!(!r.is_published("latest"));
        assert!(!r.is_published(">=1.2.0"));
        assert!(!r.is_published("1.2.13+local"));
    }

    #[test]
    fn minors_are_the_final_lines() {
        let minors = releases().minors();
        let from_07: Vec<Minor> = minors.iter().copied().filter(|x| *x >= m(0, 7)).collect();
        assert_eq!(
            &from_07[..6],
            &[m(0, 7), m(0, 8), m(0, 9), m(1, 0), m(1, 1), m(1, 2)]
        );
        assert!(!minors.contains(&m(0, 10)));
        assert!(minors.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn next_minor_skips_beta_only_lines() {
        let r = releases();
        assert_eq!(r.next_minor(m(0, 7)), m(0, 8));
        assert_eq!(r.next_minor(m(0, 8)), m(0, 9));
        assert_eq!(r.next_minor(m(0, 9)), m(1, 0));
        assert_eq!(r.next_minor(m(0, 10)), m(1, 0));
        assert_eq!(r.next_minor(m(1, 0)), m(1, 1));
        assert_eq!(r.next_minor(m(1, 1)), m(1, 2));
        assert_eq!(r.next_minor(m(1, 2)), m(1, 3));
        // Nothing after these in the data: major.minor+1.
        let newest = *r.lines.keys().last().unwrap();
        assert_eq!(
            r.next_minor(newest),
            m(newest.major, newest.minor + 1),
            "{newest}"
        );
        assert_eq!(r.next_minor(m(7, 4)), m(7, 5));
        assert_eq!(r.next_minor(m(0, u64::MAX)), m(1, 0));
        assert_eq!(r.next_minor(m(7, u64::MAX)), m(7, u64::MAX));
    }

    #[test]
    fn end_of_support_and_environments() {
        let r = releases();
        assert_eq!(r.end_of_support(m(0, 7)), Some("2024-07-25"));
        assert_eq!(r.end_of_support(m(0, 8)), Some("2024-12-12"));
        assert_eq!(r.end_of_support(m(0, 9)), Some("2025-04-03"));
        assert_eq!(r.end_of_support(m(1, 0)), Some("2026-03-17"));
        assert_eq!(r.end_of_support(m(1, 1)), Some("2026-07-22"));
        assert_eq!(
            r.end_of_support(m(1, 2)),
            None,
            "not published: never invented"
        );
        assert_eq!(r.end_of_support(m(9, 9)), None);
        let envs = r.rift_environments();
        for e in [
            "tecton-rift-core-0.9.0",
            "tecton-rift-core-1.0.13",
            "tecton-core-1.1.0",
            "tecton-core-1.2.0",
        ] {
            assert!(envs.contains(&e), "{e}");
        }
        assert_eq!(r.starter_environment(m(1, 2)), Some("tecton-core-1.2.0"));
        assert_eq!(r.starter_environment(m(1, 1)), Some("tecton-core-1.1.0"));
        assert_eq!(
            r.starter_environment(m(0, 9)),
            Some("tecton-rift-core-0.9.5")
        );
        assert_eq!(r.starter_environment(m(0, 8)), None);
    }

    #[test]
    fn newest_matching_is_what_pip_picks() {
        let r = releases();
        let pick = |s: &str| {
            r.newest_matching(&VersionSpecifiers::from_str(s).unwrap())
                .map(Version::to_string)
        };
        assert_eq!(
            pick("==1.2.*").as_deref(),
            r.newest_final(m(1, 2)).as_deref()
        );
        assert_eq!(
            pick("~=1.2.0").as_deref(),
            r.newest_final(m(1, 2)).as_deref()
        );
        assert_eq!(
            pick(">=0.9,<1.0").as_deref(),
            r.newest_final(m(0, 9)).as_deref()
        );
        assert_eq!(pick("==0.8.0rc0").as_deref(), Some("0.8.0rc0"));
        // A pre-release specifier lets pre-releases in; with only betas matching, betas are used.
        assert_eq!(pick("~=0.10.0b30").as_deref(), Some("0.10.0b44"));
        assert_eq!(
            pick("~=0.8.0rc0").as_deref(),
            r.newest_final(m(0, 8)).as_deref()
        );
        assert_eq!(pick(">=50"), None);
        assert_eq!(pick("==9.9.9"), None);
        // >=1.1 picks the newest final, never a beta.
        let newest_final = r.minors().last().and_then(|x| r.newest_final(*x));
        assert_eq!(pick(">=1.1"), newest_final);
    }

    /// `scripts/refresh-releases.py`, fed the versions of the committed file (offline), must write
    /// the committed file back byte for byte: the file is the script's output, not hand-formatted.
    #[test]
    fn refresh_script_reproduces_the_data() {
        let crate_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let raw: toml::Value = toml::from_str(super::super::RELEASES_TOML).unwrap();
        let mut versions: Vec<&str> = Vec::new();
        for entry in raw["minor"].as_array().unwrap() {
            for key in ["finals", "prereleases"] {
                let list = entry[key].as_array().unwrap();
                versions.extend(list.iter().map(|v| v.as_str().unwrap()));
            }
        }
        versions.reverse(); // pip lists newest first; the script must sort.
        let dir = tempfile::tempdir().unwrap();
        let saved = dir.path().join("pip-output.txt");
        let pip_output = format!("tecton (x)\nAvailable versions: {}\n", versions.join(", "));
        std::fs::write(&saved, pip_output).unwrap();
        let output = std::process::Command::new("python3")
            .arg(crate_dir.join("scripts/refresh-releases.py"))
            .arg("--file")
            .arg(crate_dir.join("data/releases.toml"))
            .arg("--versions-from")
            .arg(&saved)
            .args(["--date", releases().generated(), "--output", "-"])
            .output();
        let output = match output {
            Ok(output) => output,
            Err(e) => return eprintln!("skipped: python3 not runnable: {e}"),
        };
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("needs Python 3.11") {
            return eprintln!("skipped: {stderr}");
        }
        assert!(output.status.success(), "{stderr}");
        let written = String::from_utf8(output.stdout).unwrap();
        assert!(
            written == super::super::RELEASES_TOML,
            "the script's output differs from data/releases.toml"
        );
    }

    #[test]
    fn window_is_sdk_minor_and_the_next() {
        let w = window(&sdk(0, 8));
        assert_eq!((w.sdk, w.next), (m(0, 8), m(0, 9)));
        assert!(w.allows(m(0, 8)) && w.allows(m(0, 9)));
        assert!(!w.allows(m(0, 7)) && !w.allows(m(1, 0)));
        assert_eq!(w.describe(), "0.8.x, 0.9.x");

        let w = window(&sdk(0, 9));
        assert_eq!(w.describe(), "0.9.x, 1.0.x");
        assert!(w.allows(m(1, 0)) && !w.allows(m(0, 10)) && !w.allows(m(1, 1)));

        let w = window(&sdk(1, 2));
        assert_eq!(w.describe(), "1.2.x, 1.3.x");
        assert!(w.allows(m(1, 3)) && !w.allows(m(1, 1)));
    }
}
