//! The SDK upgrade path (`upgrade --to X.Y`): for each root, the hops of one minor from the SDK
//! version `check` detects to the target, each in two steps: first, on the old SDK, every runtime
//! and environment moved into the next minor plus the changes both SDKs accept; then the SDK bump
//! with every change the new SDK needs to import the repository with the same objects. The steps
//! after the first are worked out on a private copy of the root with the earlier steps applied, so
//! each is computed from the tree it will really meet. Plain data out; `fix` writes, `report`
//! prints.

pub(crate) mod edits;
mod sim;
mod steps;

use std::path::PathBuf;

use crate::analyze::DefaultCompute;
use crate::diagnostic::Span;
use crate::fix::Edit;
use crate::sdk::{self, Minor, Sdk};
use crate::source::Sources;

pub use steps::{HopInput, PythonFile};

pub struct UpgradeOptions {
    pub path: PathBuf,
    /// `--to`, as given (`1.2` or `1.2.13`).
    pub to: String,
    pub sdk_version: Option<String>,
    pub config: Option<PathBuf>,
    pub default_compute: Option<DefaultCompute>,
    pub home: Option<PathBuf>,
    pub virtual_env: Option<PathBuf>,
}

/// One hop of one minor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hop {
    pub from: Minor,
    pub to: Minor,
}

/// The two steps of a hop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Step 1, applied with the old SDK: runtimes, environments, and what both SDKs accept.
    OldSdk,
    /// Step 2: the SDK pin and what the new SDK needs.
    Bump,
}

/// One migration finding: what changes where, by which rule, and either the edits that make it or
/// why a person must decide.
#[derive(Clone, Debug)]
pub struct Change {
    pub code: &'static str,
    pub phase: Phase,
    pub span: Span,
    pub message: String,
    pub edits: Vec<Edit>,
    /// Set when no edit is right without a person's decision: why, and the choices.
    pub human: Option<String>,
}

impl Change {
    pub fn edit(
        code: &'static str,
        phase: Phase,
        span: Span,
        message: String,
        edits: Vec<Edit>,
    ) -> Self {
        Change {
            code,
            phase,
            span,
            message,
            edits,
            human: None,
        }
    }

    pub fn human(
        code: &'static str,
        phase: Phase,
        span: Span,
        message: String,
        why: String,
    ) -> Self {
        Change {
            code,
            phase,
            span,
            message,
            edits: Vec::new(),
            human: Some(why),
        }
    }
}

/// One step of the path.
#[derive(Clone, Debug)]
pub struct Step {
    pub hop: Hop,
    pub phase: Phase,
    /// The SDK the step is applied with (the old one for step 1, the new one for step 2).
    pub sdk: Minor,
    pub changes: Vec<Change>,
    /// Materialized Spark stream views whose runtime this step changes: blue-green restarts.
    pub restarts: Vec<String>,
    /// Materialized views and tables whose runtime changes without a stream job (in-place updates).
    pub updates: Vec<String>,
    /// Where the step's files are: the real root for the first step, a private copy for later ones
    /// (its changes are shown relative to it).
    pub base: PathBuf,
    /// The text of every file the step edits, as the step meets it (for `--diff`).
    pub originals: Vec<(PathBuf, String)>,
}

impl Step {
    pub fn needs_human(&self) -> bool {
        self.changes.iter().any(|c| c.human.is_some())
    }
}

/// The path of one root.
pub struct RootUpgrade {
    pub root: PathBuf,
    pub sdk: Option<Sdk>,
    pub target: Minor,
    /// The steps that remain, in order; the first is what `--fix` writes. Empty when the root is at
    /// the target.
    pub steps: Vec<Step>,
    /// Why the path cannot be worked out (an unknown SDK, a target below it, no pin to edit).
    pub problem: Option<String>,
    /// The pin file the SDK version came from (`--fix` may write it).
    pub pin_file: Option<PathBuf>,
}

impl RootUpgrade {
    pub fn done(&self) -> bool {
        self.problem.is_none() && self.steps.is_empty()
    }
}

pub struct UpgradeResult {
    pub roots: Vec<RootUpgrade>,
    pub target: Minor,
    pub sources: Sources,
}

/// The minor a `--to` names, or why it cannot be a target: it must be a Tecton minor with a final
/// release (the runtime step needs the newest final patch of every minor on the way).
pub fn parse_target(to: &str) -> Result<Minor, String> {
    let version = sdk::parse_version_arg(to)?;
    let minor = version.minor;
    let releases = sdk::releases();
    if releases.newest_final(minor).is_none() {
        let known: Vec<String> = releases.minors().iter().map(Minor::to_string).collect();
        return Err(format!(
            "SDK {minor} has no final release to upgrade to (final minors: {})",
            known.join(", ")
        ));
    }
    if version.exact && !releases.is_published(&version.display) {
        return Err(format!(
            "tecton {} is not a published release",
            version.display
        ));
    }
    Ok(minor)
}

/// Works out the path of every root under `options.path`.
pub fn run(options: &UpgradeOptions) -> Result<UpgradeResult, String> {
    let target = parse_target(&options.to)?;
    let sources = Sources::default();
    let discovery = crate::discover::find_roots(&options.path, options.home.as_deref());
    if discovery.roots.is_empty() {
        return Err(format!(
            "{}: no feature repository found (no `.tecton` marker here or below)",
            options.path.display()
        ));
    }
    let mut roots = Vec::new();
    for root in discovery.roots {
        roots.push(steps::plan_root(&root.path, target, options, &sources));
    }
    Ok(UpgradeResult {
        roots,
        target,
        sources,
    })
}

/// The files a step may write: its root and the pin file `check` found.
pub fn allowed_paths(root: &RootUpgrade) -> Vec<PathBuf> {
    let mut allowed = vec![root.root.clone()];
    allowed.extend(root.pin_file.clone());
    allowed
}

/// The edits of a root's first step, as one changeset whose originals are the texts the step was
/// worked out on (so a file changed since then is refused). `None` when the root has no step, or
/// its first step needs a person.
pub fn first_step(
    root: &RootUpgrade,
) -> Option<Result<crate::fix::Changeset, crate::fix::FixError>> {
    let step = root.steps.first().filter(|s| !s.needs_human())?;
    let mut changeset = crate::fix::Changeset::new();
    for (path, text) in &step.originals {
        changeset.set_original(path, text.as_bytes().to_vec());
    }
    // A file the step creates (the repo config of 0.8) had no text when the step was worked out.
    for edit in step.changes.iter().flat_map(|c| &c.edits) {
        if !step.originals.iter().any(|(p, _)| *p == edit.file) {
            changeset.create(&edit.file);
        }
    }
    for change in &step.changes {
        if let Err(err) = changeset.add(&change.edits) {
            return Some(Err(err));
        }
    }
    Some(Ok(changeset))
}
