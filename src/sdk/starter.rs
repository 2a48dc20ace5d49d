//! The starter `repo.yaml` that `tecton init` writes (SDK 0.8 and later), per SDK version: the
//! defaults a repository gets when it git-ignores `repo.yaml` and runs `tecton init` in CI, as
//! Tecton's sample repository does. From `_STARTER_REPO_CONFIG` in each SDK's
//! `tecton/cli/repo_config.py` (`tecton-facts.md` §1.3): the runtime default of batch views,
//! stream views and feature tables is the installed SDK's full version; from 0.9 the batch and
//! stream views also get a Rift `environment`, and from 1.1 the feature tables too. SDK 0.7 has
//! no repo config, so its `tecton init` writes none.

use super::SdkVersion;

/// The starter repo config of one SDK version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Starter {
    /// The SDK version `tecton init` would run with (`1.2.13`): the pinned one, or the newest
    /// release the pin allows, as pip installs it.
    pub sdk: String,
    /// The `tecton_materialization_runtime` default: the SDK's own version.
    pub runtime: String,
    /// The `environment` default, when the version writes one.
    pub environment: Option<String>,
    /// Set when the environment is the one a neighbouring release writes (the starter of every
    /// patch is not recorded): that release.
    pub environment_from: Option<String>,
    /// The file's text, comments left out.
    pub text: String,
}

/// The environments the starter templates write, from the SDK releases read (`(minor, patch)` of
/// the release, the environment); a patch between two recorded ones takes the value of the one
/// below it, and says so.
const ENVIRONMENTS: &[((u64, u64), u64, &str)] = &[
    ((0, 9), 0, "tecton-rift-core-0.9.0"),
    ((0, 9), 25, "tecton-rift-core-0.9.5"),
    ((1, 0), 0, "tecton-rift-core-1.0.0"),
    ((1, 0), 42, "tecton-rift-core-1.0.13"),
    ((1, 1), 0, "tecton-rift-core-1.0.13"),
    ((1, 1), 20, "tecton-core-1.1.0"),
    ((1, 2), 0, "tecton-core-1.2.0"),
    ((1, 2), 13, "tecton-core-1.2.0"),
    ((1, 3), 0, "tecton-core-1.2.0"),
];

/// What `tecton init` writes as `repo.yaml` under `version`; `None` before SDK 0.8.
pub fn starter_repo_config(version: &SdkVersion) -> Option<Starter> {
    let (major, minor) = (version.minor.major, version.minor.minor);
    if (major, minor) < (0, 8) {
        return None;
    }
    let sdk = if version.exact {
        version.display.clone()
    } else {
        format!("{major}.{minor}.{}", version.patch)
    };
    let (environment, environment_from) = if (major, minor) < (0, 9) {
        (None, None)
    } else {
        let recorded = ENVIRONMENTS
            .iter()
            .rfind(|((ma, mi), patch, _)| (*ma, *mi) == (major, minor) && *patch <= version.patch)
            // A minor newer than the data: the newest template recorded.
            .or_else(|| ENVIRONMENTS.last().filter(|(m, _, _)| *m < (major, minor)));
        match recorded {
            Some(((ma, mi), patch, env)) => {
                let exact = (*ma, *mi) == (major, minor) && *patch == version.patch;
                let from = (!exact).then(|| format!("{ma}.{mi}.{patch}"));
                (Some(env.to_string()), from)
            }
            None => (None, None),
        }
    };
    let mut text = String::from("defaults:\n");
    for (kind, with_environment) in [
        ("batch_feature_view", true),
        ("stream_feature_view", true),
        ("feature_table", (major, minor) >= (1, 1)),
    ] {
        text.push_str(&format!(
            "  {kind}:\n    tecton_materialization_runtime: {sdk}\n"
        ));
        if let (Some(env), true) = (&environment, with_environment) {
            text.push_str(&format!("    environment: {env}\n"));
        }
    }
    Some(Starter {
        runtime: sdk.clone(),
        sdk,
        environment,
        environment_from,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sdk::parse_version_arg;

    fn starter(version: &str) -> Option<Starter> {
        starter_repo_config(&parse_version_arg(version).expect("version"))
    }

    #[test]
    fn sdk_12_writes_its_own_version_and_the_12_environment() {
        let s = starter("1.2.13").expect("a starter");
        assert_eq!(s.runtime, "1.2.13");
        assert_eq!(s.environment.as_deref(), Some("tecton-core-1.2.0"));
        assert_eq!(s.environment_from, None);
        assert_eq!(
            s.text,
            "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: 1.2.13\n    environment: tecton-core-1.2.0\n  stream_feature_view:\n    tecton_materialization_runtime: 1.2.13\n    environment: tecton-core-1.2.0\n  feature_table:\n    tecton_materialization_runtime: 1.2.13\n    environment: tecton-core-1.2.0\n"
        );
        // A minor alone is its newest release, as pip installs it.
        let s = starter("1.1").expect("a starter");
        assert_eq!(s.runtime, "1.1.20");
        assert_eq!(s.environment.as_deref(), Some("tecton-core-1.1.0"));
    }

    #[test]
    fn each_version_line_writes_what_its_template_does() {
        assert_eq!(starter("0.7.13"), None);
        let s = starter("0.8.23").expect("0.8");
        assert_eq!(s.environment, None);
        assert!(!s.text.contains("environment"));
        let s = starter("1.0.42").expect("1.0");
        assert_eq!(s.environment.as_deref(), Some("tecton-rift-core-1.0.13"));
        // Feature tables get an environment from 1.1.
        assert!(!s.text.contains(
            "feature_table:\n    tecton_materialization_runtime: 1.0.42\n    environment"
        ));
        let s = starter("1.1.5").expect("1.1.5");
        assert_eq!(s.runtime, "1.1.5");
        assert_eq!(s.environment.as_deref(), Some("tecton-rift-core-1.0.13"));
        assert_eq!(s.environment_from.as_deref(), Some("1.1.0"));
        assert!(s.text.contains("feature_table:\n    tecton_materialization_runtime: 1.1.5\n    environment: tecton-rift-core-1.0.13\n"));
        let s = starter("1.3.0b4").expect("1.3");
        assert_eq!(s.runtime, "1.3.0b4");
        assert_eq!(s.environment.as_deref(), Some("tecton-core-1.2.0"));
    }
}
