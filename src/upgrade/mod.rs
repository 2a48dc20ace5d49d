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
    /// Materialized stream views whose runtime this step changes and whose compute is not known
    /// (`--default-compute` tells): a blue-green restart if they run on Spark.
    pub may_restart: Vec<String>,
    /// Materialized views and tables whose runtime changes without a stream job (in-place updates).
    pub updates: Vec<String>,
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
    /// The repo config `--config` names (`--fix` may write it, as `check --fix` may).
    pub config_file: Option<PathBuf>,
    /// Why the first step waits although it could be written: another root that shares the pin
    /// has a step to apply before the pin may move.
    pub held: Option<String>,
}

impl RootUpgrade {
    pub fn done(&self) -> bool {
        self.problem.is_none() && self.steps.is_empty()
    }
}

pub struct UpgradeResult {
    pub roots: Vec<RootUpgrade>,
    pub target: Minor,
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
    let discovery = crate::discover::find_roots(&options.path, options.home.as_deref());
    if discovery.roots.is_empty() {
        return Err(format!(
            "{}: no feature repository found (no `.tecton` marker here or below)",
            options.path.display()
        ));
    }
    let mut roots = Vec::new();
    for root in discovery.roots {
        roots.push(steps::plan_root(&root.path, target, options));
    }
    let mut result = UpgradeResult { roots, target };
    hold_shared_bumps(&mut result);
    Ok(result)
}

/// The files a step may write: its root, the pin file `check` found and the repo config
/// `--config` names.
pub fn allowed_paths(root: &RootUpgrade) -> Vec<PathBuf> {
    let mut allowed = vec![root.root.clone()];
    allowed.extend(root.pin_file.clone());
    allowed.extend(root.config_file.clone());
    allowed
}

/// What `--fix` wrote for one root.
pub struct Written {
    pub root: PathBuf,
    pub files: Vec<PathBuf>,
    /// The SDK to apply the written step with.
    pub sdk: Minor,
}

/// Marks the bumps that must wait: a pin shared by several roots (a `requirements.txt` above
/// them) moves all of them, so it moves only once every root that shares it has reached the same
/// bump; until then their runtimes might fall out of the new SDK's window.
fn hold_shared_bumps(result: &mut UpgradeResult) {
    // Each root's pin, first step and name.
    type First = (Option<PathBuf>, Option<(Hop, Phase)>, String);
    let firsts: Vec<First> = result
        .roots
        .iter()
        .map(|r| {
            (
                r.pin_file.clone(),
                r.steps.first().map(|s| (s.hop, s.phase)),
                r.root.display().to_string(),
            )
        })
        .collect();
    for (i, root) in result.roots.iter_mut().enumerate() {
        root.held = None;
        let Some(step) = root.steps.first() else {
            continue;
        };
        if step.phase != Phase::Bump {
            continue;
        }
        let waiting: Vec<&str> = firsts
            .iter()
            .enumerate()
            .filter(|(j, (pin, first, _))| {
                *j != i
                    && pin.is_some()
                    && *pin == root.pin_file
                    && first.is_some_and(|f| f != (step.hop, Phase::Bump))
            })
            .map(|(_, (_, _, name))| name.as_str())
            .collect();
        if !waiting.is_empty() {
            root.held = Some(format!(
                "the pin is shared with {}, whose earlier step must be applied first",
                waiting.join(", ")
            ));
        }
    }
}

/// The next step of every root that may be written now, as one changeset (a pin shared by
/// several roots is edited once), the files it may write, and the roots it covers.
pub fn next_changeset(
    result: &mut UpgradeResult,
) -> Result<(crate::fix::Changeset, Vec<PathBuf>, Vec<usize>), crate::fix::FixError> {
    hold_shared_bumps(result);
    let mut changeset = crate::fix::Changeset::new();
    let mut allowed = Vec::new();
    let mut covered = Vec::new();
    for (i, root) in result.roots.iter().enumerate() {
        if root.held.is_some() {
            continue;
        }
        let Some(step) = root.steps.first().filter(|s| !s.needs_human()) else {
            continue;
        };
        for (path, text) in &step.originals {
            changeset.set_original(path, text.as_bytes().to_vec());
        }
        // A file the step creates (the repo config of 0.8) had no text when it was worked out.
        for edit in step.changes.iter().flat_map(|c| &c.edits) {
            if !step.originals.iter().any(|(p, _)| *p == edit.file) {
                changeset.create(&edit.file);
            }
        }
        for change in &step.changes {
            changeset.add(&change.edits)?;
        }
        allowed.extend(allowed_paths(root));
        covered.push(i);
    }
    Ok((changeset, allowed, covered))
}

/// Writes the next step of every root that may be written now (see [`next_changeset`]), all files
/// checked before any is written; the written steps are removed from `result`.
pub fn write_next(result: &mut UpgradeResult) -> Result<Vec<Written>, crate::fix::FixError> {
    let (changeset, allowed, covered) = next_changeset(result)?;
    let files = crate::fix::apply(&changeset, &allowed)?;
    let mut written = Vec::new();
    for i in covered {
        let root = &mut result.roots[i];
        let step = root.steps.remove(0);
        let mine: Vec<PathBuf> = files
            .iter()
            .filter(|f| {
                step.changes
                    .iter()
                    .flat_map(|c| &c.edits)
                    .any(|e| e.file == **f)
            })
            .cloned()
            .collect();
        written.push(Written {
            root: root.root.clone(),
            files: mine,
            sdk: step.sdk,
        });
    }
    Ok(written)
}
