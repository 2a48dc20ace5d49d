//! One `check` run: discovery, then for each root its SDK version, repo config, Python objects and
//! rules. Returns plain data for the reports; prints nothing.

use std::path::{Path, PathBuf};

use crate::analyze::{self, DefaultCompute, Inputs};
use crate::config::{self, RepoConfig};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::discover;
use crate::model::TectonObject;
use crate::python;
use crate::rules::{self, Context};
use crate::sdk::{self, DetectEnv, Sdk};
use crate::source::Sources;
use crate::{settings, suppress};

pub struct CheckOptions {
    pub paths: Vec<PathBuf>,
    pub sdk_version: Option<String>,
    pub config: Option<PathBuf>,
    /// `--default-compute`; `None` leaves it to the configuration file (then `unknown`).
    pub default_compute: Option<DefaultCompute>,
    /// `--select` / `--ignore`: when given, they replace the configuration file's lists.
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
    pub home: Option<PathBuf>,
    pub virtual_env: Option<PathBuf>,
}

/// What was learnt about one root.
pub struct RootReport {
    pub path: PathBuf,
    pub sdk: Option<Sdk>,
    pub config_path: PathBuf,
    pub config_exists: bool,
    pub files: usize,
    pub objects: Vec<TectonObject>,
}

pub struct CheckResult {
    pub roots: Vec<RootReport>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl CheckResult {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }
}

pub fn run(options: &CheckOptions) -> CheckResult {
    let sources = Sources::default();
    let mut diagnostics = Vec::new();
    let mut roots = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in &options.paths {
        let discovery = discover::find_roots(path, options.home.as_deref());
        // A named file outside every feature repository (a commit that also touches tooling) is
        // simply not Tecton's: nothing to report, as ruff skips files it does not lint.
        if !(path.is_file() && discovery.roots.is_empty()) {
            diagnostics.extend(discovery.diagnostics);
        }
        for root in discovery.roots {
            if seen.insert(root.path.clone()) {
                roots.push(check_root(&root.path, options, &sources, &mut diagnostics));
            }
        }
    }
    // Files named on the command line (pre-commit passes the changed ones): their whole roots are
    // analysed, since a runtime lives in repo.yaml and a constant in another module, but only
    // findings in those files and in the roots' repo configs are reported.
    // A named file that shapes the whole root (an SDK pin, `.tectonignore`, the tool's own
    // configuration) reports every finding of its root: bumping the pin can break any file.
    let named: Vec<&PathBuf> = options.paths.iter().filter(|p| p.is_file()).collect();
    if !named.is_empty() {
        let whole_roots: Vec<&PathBuf> = named
            .iter()
            .filter(|p| shapes_whole_root(p))
            .filter_map(|p| {
                roots
                    .iter()
                    .find(|r| p.starts_with(&r.path))
                    .map(|r| &r.path)
            })
            .collect();
        let directories: Vec<&PathBuf> = options
            .paths
            .iter()
            .filter(|p| p.is_dir())
            .chain(whole_roots)
            .collect();
        let configs: Vec<PathBuf> = roots
            .iter()
            .filter(|r| named.iter().any(|n| n.starts_with(&r.path)))
            .map(|r| r.config_path.clone())
            .collect();
        diagnostics.retain(|d| match &d.span {
            Some(span) => {
                named.iter().any(|n| **n == span.file)
                    || configs.contains(&span.file)
                    || directories.iter().any(|dir| span.file.starts_with(dir))
                    || d.code == "TP005"
            }
            None => true,
        });
    }
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            d.span
                .as_ref()
                .map(|s| (s.file.clone(), s.start))
                .unwrap_or_default()
        };
        key(a).cmp(&key(b)).then(a.code.cmp(b.code))
    });
    diagnostics.dedup();
    // A finding in a file no stage kept the text of (`.tectonignore`, a pin file) still gets its
    // line and column: read it now.
    for d in &diagnostics {
        let spans = d.span.iter().chain(d.labels.iter().map(|l| &l.span));
        for span in spans {
            if span.end > 0 && sources.get(&span.file).is_none() {
                if let Ok(bytes) = crate::source::read_regular(&span.file) {
                    sources.insert(&span.file, String::from_utf8_lossy(&bytes).into_owned());
                }
            }
        }
    }
    CheckResult {
        roots,
        diagnostics,
        sources,
    }
}

/// Files whose change can alter the findings anywhere in their root.
fn shapes_whole_root(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    name.starts_with("requirements") && name.ends_with(".txt")
        || path.parent().is_some_and(|p| p.ends_with("requirements")) && name.ends_with(".txt")
        || matches!(
            name.as_ref(),
            ".tectonignore" | "pyproject.toml" | "setup.cfg" | "tecton-preflight.toml" | ".tecton"
        )
}

/// Whether Tecton drops every path that contains a hidden component, as it does by default
/// (`TECTON_REPO_IGNORE_ALL_HIDDEN_DIRS`, read from the environment as Tecton reads it).
fn ignores_hidden_paths() -> bool {
    match std::env::var("TECTON_REPO_IGNORE_ALL_HIDDEN_DIRS") {
        Ok(value) => !matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "false" | "0" | "no" | "off"
        ),
        Err(_) => true,
    }
}

/// The hidden directory above a root, if any: Tecton drops every file whose absolute path contains
/// `/.`, so a root below one (a Bazel cache, `~/.local/...`) imports no file at all.
fn hidden_ancestor(root: &Path) -> Option<String> {
    root.components().find_map(|c| match c {
        std::path::Component::Normal(name) if name.to_string_lossy().starts_with('.') => {
            Some(name.to_string_lossy().into_owned())
        }
        _ => None,
    })
}

fn check_root(
    root: &Path,
    options: &CheckOptions,
    sources: &Sources,
    out: &mut Vec<Diagnostic>,
) -> RootReport {
    // This root's findings, gathered here so that its suppressions and settings apply to them.
    let mut found = Vec::new();
    let out_all = out;
    let out = &mut found;
    let (settings, settings_diagnostics) = settings::load(root, sources);
    out.extend(settings_diagnostics);
    let mut files = discover::collect_files(root);
    out.extend(std::mem::take(&mut files.diagnostics));
    if let (Some(hidden), true) = (hidden_ancestor(root), ignores_hidden_paths()) {
        out.push(
            Diagnostic::new(
                "TP004",
                format!(
                    "the feature repository is inside the hidden directory `{hidden}`: Tecton skips every path containing `/.`, so it would import no file here, and `tecton apply` would delete every object of the workspace"
                ),
            )
            .at(Span::whole_file(root.join(".tecton")))
            .with_help("move the repository out of the hidden directory, or set TECTON_REPO_IGNORE_ALL_HIDDEN_DIRS=false where `tecton apply` runs (tecton-preflight honours it too)"),
        );
        files.files.clear();
    }

    let from_settings = match (&options.sdk_version, &settings.sdk_version, &settings.path) {
        (None, Some(version), Some(path)) => {
            sdk::parse_version_arg(version).ok().map(|version| Sdk {
                version,
                source: sdk::SdkSource::ToolConfig(path.clone()),
            })
        }
        _ => None,
    };
    let detection = match from_settings {
        Some(sdk) => sdk::Detection {
            sdk: Some(sdk),
            searched: Vec::new(),
            diagnostics: Vec::new(),
            pin: None,
            unpinned: Vec::new(),
        },
        None => sdk::detect(
            root,
            options.sdk_version.as_deref(),
            &DetectEnv {
                virtual_env: options.virtual_env.clone(),
            },
        ),
    };
    out.extend(detection.diagnostics);
    let sdk = detection.sdk;

    let config_path = analyze::repo_config_path(root, options.config.as_deref());
    let (config, config_exists) = read_config(&config_path, sdk.as_ref(), sources, out);

    let api = sdk.as_ref().and_then(|s| {
        sdk::api::for_version(&s.version).map(|api| python::Api {
            api,
            minor: s.version.minor,
        })
    });
    let environment = options
        .virtual_env
        .as_deref()
        .and_then(python::Environment::read);
    let python = python::analyze(root, &files.files, sources, api, environment.as_ref());
    out.extend(python.diagnostics);
    let (objects, resolve_diagnostics) = analyze::resolve(
        &python.objects,
        &Inputs {
            config: config.as_ref(),
            sdk: sdk.as_ref().map(|s| &s.version),
            default_compute: options
                .default_compute
                .or(settings.default_compute)
                .unwrap_or(DefaultCompute::Unknown),
        },
    );
    out.extend(resolve_diagnostics);

    let today = sdk::today();
    let context = Context {
        root,
        sdk: sdk.as_ref(),
        sdk_searched: &detection.searched,
        config_path: &config_path,
        config: config.as_ref(),
        config_exists,
        objects: &objects,
        today: &today,
    };
    rules::run(&context, out);

    let mut suppressible = files.files.clone();
    suppressible.push(config_path.clone());
    suppress::apply(&mut found, &suppressible, sources);
    let mut settings = settings;
    if let Some(select) = &options.select {
        settings.select = select.clone();
    }
    if let Some(ignore) = &options.ignore {
        settings.ignore = ignore.clone();
    }
    found.retain(|d| settings.reports(d));
    out_all.extend(found);
    RootReport {
        path: root.to_path_buf(),
        sdk,
        config_path,
        config_exists,
        files: files.files.len(),
        objects,
    }
}

/// Reads and validates the repo config. A file that exists but cannot be read or decoded is a
/// TP102 finding (Tecton cannot load it either).
fn read_config(
    path: &Path,
    sdk: Option<&Sdk>,
    sources: &Sources,
    out: &mut Vec<Diagnostic>,
) -> (Option<RepoConfig>, bool) {
    let bytes = match crate::source::read_regular(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return (None, false),
        Err(err) => {
            sources.insert(path, "");
            out.push(
                Diagnostic::new("TP102", format!("cannot read the repo config: {err}"))
                    .at(Span::whole_file(path)),
            );
            return (None, true);
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(err.as_bytes()).into_owned();
            let source = sources.insert(path, lossy);
            out.push(
                Diagnostic::new(
                    "TP102",
                    "the repo config is not valid UTF-8, so YAML cannot read it".to_string(),
                )
                .at(Span::new(path, offset, (offset + 1).min(source.text.len())))
                .with_help("save repo.yaml as UTF-8"),
            );
            return (None, true);
        }
    };
    let source = sources.insert(path, text);
    let (config, diagnostics) = config::load(path, &source.text, sdk.map(|s| &s.version));
    out.extend(diagnostics);
    (config, true)
}
