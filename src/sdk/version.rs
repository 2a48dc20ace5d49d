//! Version strings as users write them: runtimes in feature definitions, the `--sdk-version` flag,
//! and today's date for the end-of-support rule.

use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use pep440_rs::Version;

use super::releases::{minor_of, releases};
use super::{Minor, SdkVersion};

/// What a `tecton_materialization_runtime` value is, as far as its form goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeForm {
    /// An exact `tecton` version `X.Y.Z` (optionally with a pre, post or dev part); `normalized` is
    /// its PEP 440 normal form (`1.2.0RC1` -> `1.2.0rc1`).
    Exact {
        minor: Minor,
        prerelease: bool,
        normalized: String,
    },
    /// Anything else: `1.0`, `latest`, `>=0.9`, `1.2.*`, `1.2.3+local`, ``, ` 1.2.3 `.
    NotExact,
}

/// Classifies a runtime value: exact means a PEP 440 version with exactly three release numbers
/// and no local part, written without operators or surrounding whitespace (the value is sent to
/// Tecton as it is, so ` 1.2.3 ` is not the version `1.2.3`).
pub fn classify_runtime(text: &str) -> RuntimeForm {
    if text.is_empty() || text.trim() != text {
        return RuntimeForm::NotExact;
    }
    match Version::from_str(text) {
        Ok(v) if v.release().len() == 3 && !v.is_local() => RuntimeForm::Exact {
            minor: minor_of(&v),
            prerelease: v.any_prerelease(),
            normalized: v.to_string(),
        },
        _ => RuntimeForm::NotExact,
    }
}

/// The SDK version of an exactly known `tecton` version (a `==` pin, an installed distribution).
pub(crate) fn exact_sdk_version(version: &Version) -> SdkVersion {
    SdkVersion {
        minor: minor_of(version),
        patch: version.release().get(2).copied().unwrap_or(0),
        exact: true,
        display: version.to_string(),
    }
}

/// The SDK version of a minor line whose patch floats (`1.2`, `~=1.2.0`): `patch` is the newest
/// final patch in the data, or `fallback` (0 when the minor has no final release).
pub(crate) fn minor_sdk_version(minor: Minor, fallback: u64) -> SdkVersion {
    let patch = releases()
        .newest_final(minor)
        .and_then(|v| Version::from_str(&v).ok())
        .and_then(|v| v.release().get(2).copied())
        .unwrap_or(fallback);
    SdkVersion {
        minor,
        patch,
        exact: false,
        display: minor.to_string(),
    }
}

/// Parses `--sdk-version`: `X.Y` (also `X.Y.x`, `X.Y.*`) is the minor with the newest final patch
/// in the data (not exact); `X.Y.Z`, with an optional pre/post/dev part (`1.3.0b4`), is exact.
/// Surrounding whitespace is ignored; operators, local parts and other lengths are errors.
pub fn parse_version_arg(s: &str) -> Result<SdkVersion, String> {
    let text = s.trim();
    let invalid = |why: &str| {
        format!("invalid SDK version `{s}`: {why}; expected X.Y or X.Y.Z, such as 1.2 or 1.2.13")
    };
    if text.is_empty() {
        return Err(invalid("it is empty"));
    }
    let (body, minor_only) = match text.strip_suffix(".*").or_else(|| text.strip_suffix(".x")) {
        Some(body) => (body, true),
        None => (text, false),
    };
    let version = Version::from_str(body).map_err(|e| invalid(&e.to_string()))?;
    if version.is_local() {
        return Err(invalid("a local version (`+...`) is not a release"));
    }
    if version.epoch() != 0 {
        return Err(invalid("an epoch (`N!`) is not a Tecton release"));
    }
    match (version.release().len(), minor_only) {
        (2, _) if version.is_pre() || version.is_post() || version.is_dev() => {
            Err(invalid("a pre-release needs all three numbers (1.3.0b4)"))
        }
        (2, _) => Ok(minor_sdk_version(minor_of(&version), 0)),
        (3, false) => Ok(exact_sdk_version(&version)),
        _ => Err(invalid("wrong number of parts")),
    }
}

/// Rejects an SDK version that Tecton never released, per the release data (`--sdk-version 1.10`,
/// `2.0`, `0.10`, `1.2.99`), naming the nearest releases: a window computed for a version that does
/// not exist answers nothing true. A minor in beta (1.3) counts as released.
pub fn check_released(version: &SdkVersion) -> Result<(), String> {
    let data = releases();
    let dated = format!("per the release data of {}", data.generated());
    let minor = version.minor;
    let published = || {
        Version::from_str(&version.display)
            .ok()
            .is_some_and(|v| data.find(&v).is_some())
    };
    // A published pre-release of a line that never had a final (`0.10.0b44`) was installable.
    if version.exact && published() {
        return Ok(());
    }
    if !data.is_released_minor(minor) {
        let nearest: Vec<String> = data
            .nearest_released_minors(minor)
            .iter()
            .map(Minor::to_string)
            .collect();
        let betas = if data.newest_release(minor).is_some() {
            ", only pre-releases"
        } else {
            ""
        };
        return Err(format!(
            "Tecton never released SDK {minor}{betas} ({dated}); nearest released: {}",
            nearest.join(", ")
        ));
    }
    if !version.exact {
        return Ok(());
    }
    let newest = data
        .newest_release(minor)
        .map(|v| format!("; the newest {minor} release is {v}"))
        .unwrap_or_default();
    Err(format!(
        "Tecton never released {} ({dated}){newest}; pass {minor} for the newest patch of the minor",
        version.display
    ))
}

/// Today's date (UTC, `YYYY-MM-DD`) from the system clock; `TECTON_PREFLIGHT_TODAY=YYYY-MM-DD`
/// overrides it (for tests), and is ignored when it is not a valid date.
pub fn today() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    today_with(
        std::env::var("TECTON_PREFLIGHT_TODAY").ok().as_deref(),
        seconds,
    )
}

/// [`today`] with the override and the clock (seconds since the Unix epoch) passed in.
fn today_with(override_date: Option<&str>, unix_seconds: u64) -> String {
    if let Some(date) = override_date.filter(|d| is_iso_date(d)) {
        return date.to_string();
    }
    let (y, m, d) = civil_from_days((unix_seconds / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// True for a real calendar date written `YYYY-MM-DD`.
fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| {
        b[r.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| text[r].parse::<u32>().ok())?
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Days since 1970-01-01 to a proleptic Gregorian (year, month, day), after Howard Hinnant's
/// `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(major: u64, minor: u64) -> Minor {
        Minor { major, minor }
    }

    fn exact(text: &str) -> (Minor, bool, String) {
        match classify_runtime(text) {
            RuntimeForm::Exact {
                minor,
                prerelease,
                normalized,
            } => (minor, prerelease, normalized),
            RuntimeForm::NotExact => panic!("{text:?} should be exact"),
        }
    }

    #[test]
    fn exact_runtimes() {
        assert_eq!(exact("1.2.13"), (m(1, 2), false, "1.2.13".into()));
        assert_eq!(exact("0.8.0rc0"), (m(0, 8), true, "0.8.0rc0".into()));
        assert_eq!(exact("1.1.0b15"), (m(1, 1), true, "1.1.0b15".into()));
        assert_eq!(exact("1.2.0RC1"), (m(1, 2), true, "1.2.0rc1".into()));
        assert_eq!(exact("1.0.0.dev3"), (m(1, 0), true, "1.0.0.dev3".into()));
        assert_eq!(exact("1.0.1.post2"), (m(1, 0), false, "1.0.1.post2".into()));
        assert_eq!(exact("99.99.99"), (m(99, 99), false, "99.99.99".into()));
        assert_eq!(exact("0.10.0"), (m(0, 10), false, "0.10.0".into()));
    }

    #[test]
    fn not_exact_runtimes() {
        for text in [
            "1.0",
            "1",
            "latest",
            ">=0.9",
            "==1.2.3",
            "~=1.2.0",
            "1.2.*",
            "1.2.x",
            "",
            " ",
            " 1.2.3 ",
            "1.2.3\n",
            "1.2.3.4",
            "1.2.3+local",
            "1.2.3,<2",
            "tecton==1.2.3",
            "1..2",
            "\u{0}",
            "1.2.3 # comment",
        ] {
            assert_eq!(classify_runtime(text), RuntimeForm::NotExact, "{text:?}");
        }
    }

    #[test]
    fn version_arg_minor_takes_the_newest_patch() {
        let newest = releases().newest_final(m(1, 2)).unwrap();
        let patch: u64 = newest.rsplit('.').next().unwrap().parse().unwrap();
        let v = parse_version_arg("1.2").unwrap();
        assert_eq!(v.minor, m(1, 2));
        assert_eq!(v.patch, patch);
        assert!(patch >= 13);
        assert!(!v.exact);
        assert_eq!(v.display, "1.2");
        assert_eq!(parse_version_arg("1.2.*").unwrap(), v);
        assert_eq!(parse_version_arg("1.2.x").unwrap(), v);
        assert_eq!(parse_version_arg(" 1.2 ").unwrap(), v);
        // A minor without finals: patch 0 (whether it was released is `check_released`'s job).
        let beta = parse_version_arg("0.10").unwrap();
        assert_eq!((beta.minor, beta.patch, beta.exact), (m(0, 10), 0, false));
        assert_eq!(beta.display, "0.10");
    }

    #[test]
    fn versions_tecton_never_released_are_refused_with_the_nearest() {
        let released = |s: &str| check_released(&parse_version_arg(s).unwrap());
        for ok in [
            "1.2",
            "1.2.5",
            "1.2.13",
            "0.9",
            "1.3",
            "1.3.0b4",
            "0.10.0b44",
            "1.0.0",
        ] {
            assert_eq!(released(ok), Ok(()), "{ok}");
        }
        let err = released("1.10").unwrap_err();
        assert!(
            err.contains("never released SDK 1.10") && err.contains("1.3"),
            "{err}"
        );
        let err = released("2.0").unwrap_err();
        assert!(err.contains("never released SDK 2.0"), "{err}");
        let err = released("0.10").unwrap_err();
        assert!(
            err.contains("only pre-releases") && err.contains("nearest released: 0.9, 1.0"),
            "{err}"
        );
        let err = released("1.2.99").unwrap_err();
        assert!(
            err.contains("never released 1.2.99") && err.contains("the newest 1.2 release is"),
            "{err}"
        );
        assert!(released("1.3.0b99").is_err());
    }

    #[test]
    fn version_arg_exact() {
        let v = parse_version_arg("1.2.5").unwrap();
        assert_eq!(
            v,
            SdkVersion {
                minor: m(1, 2),
                patch: 5,
                exact: true,
                display: "1.2.5".into()
            }
        );
        let b = parse_version_arg("1.3.0b4").unwrap();
        assert_eq!((b.minor, b.patch, b.exact), (m(1, 3), 0, true));
        assert_eq!(b.display, "1.3.0b4");
        assert_eq!(parse_version_arg("1.02.05").unwrap().display, "1.2.5");
        assert!(
            parse_version_arg("9.9.9").is_ok(),
            "unpublished but well formed"
        );
    }

    #[test]
    fn version_arg_errors() {
        for bad in [
            "", "  ", "1", "1.2.3.4", ">=1.2", "==1.2.3", "latest", "1.2.3+x", "1!1.2.3", "1.3b1",
            "1.2.3.*", "1.2.", "a.b", "1.2,1.3", "\u{feff}",
        ] {
            let err = parse_version_arg(bad).expect_err(bad);
            assert!(err.contains("expected X.Y or X.Y.Z"), "{err}");
        }
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_453), (2025, 12, 31));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn iso_dates() {
        for ok in ["2024-02-29", "2025-04-03", "2000-02-29", "1999-12-31"] {
            assert!(is_iso_date(ok), "{ok}");
        }
        for bad in [
            "2025-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-01-32",
            "2025-1-01",
            "25-01-01",
            "2025/01/01",
            "",
            "2025-01-01 ",
            "+025-01-01",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn today_is_a_date_and_can_be_overridden() {
        let clock = today();
        assert!(is_iso_date(&clock), "{clock}");
        assert!(clock.as_str() >= "2025-01-01");
        let noon_2025_04_04 = 1_743_768_000;
        assert_eq!(today_with(None, noon_2025_04_04), "2025-04-04");
        assert_eq!(
            today_with(Some("2031-01-02"), noon_2025_04_04),
            "2031-01-02"
        );
        assert_eq!(today_with(Some("soon"), noon_2025_04_04), "2025-04-04");
        assert_eq!(today_with(Some(""), 0), "1970-01-01");
    }
}
