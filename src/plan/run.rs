//! One `plan` run: the working tree checked as `check` does, the base read and resolved the same
//! way, roots matched by their place in the repository, and each pair compared.

use std::path::{Path, PathBuf};

use super::base::{self, BaseError, GitBase};
use super::reuse::WorkingTree;
use super::{compare, snapshot, unpinned_streams, Action, Change, PlanObject, StreamJob};
use crate::analyze::DefaultCompute;
use crate::check::{self, CheckOptions, CheckResult};
use crate::diagnostic::Severity;
use crate::report::{display_path, place};

pub enum BaseSpec {
    /// `--base REF`.
    Revision(String),
    /// `--base-snapshot FILE`.
    Snapshot(PathBuf),
    /// Neither: `HEAD` when the path is in a git repository.
    Default,
}

pub struct PlanOptions {
    pub path: PathBuf,
    pub base: BaseSpec,
    pub sdk_version: Option<String>,
    pub config: Option<PathBuf>,
    pub default_compute: Option<DefaultCompute>,
    pub home: Option<PathBuf>,
    pub virtual_env: Option<PathBuf>,
    pub cwd: PathBuf,
    /// `--select` / `--ignore`: which findings of the working tree count, as for `check`.
    pub select: Option<Vec<String>>,
    pub ignore: Option<Vec<String>>,
}

/// What the plan was computed against.
#[derive(Clone, Debug, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BaseInfo {
    Git { revision: String, commit: String },
    Snapshot { file: String },
}

/// A stream view that follows Tecton's weekly releases (no pinned runtime).
pub struct Unpinned {
    pub name: String,
    pub file: String,
    pub line: usize,
    /// The root's SDK is 0.8 or later, which requires a runtime (TP201).
    pub runtime_required: bool,
}

pub struct PlanResult {
    pub base: BaseInfo,
    pub changes: Vec<Change>,
    pub unpinned: Vec<Unpinned>,
    /// The working tree's check: its error findings mean the apply would fail.
    pub head: CheckResult,
    /// Roots whose SDK version differs between the base and the working tree.
    pub sdk_changes: Vec<SdkChange>,
    /// What the reader must know to trust the plan: roots paired or left out, an invalid base
    /// config, objects whose name is not known.
    pub notes: Vec<String>,
}

/// An SDK upgrade (or downgrade) in one root: `tecton plan` shows `~ Update SDK Version`, and
/// Tecton blocks destructive changes while the SDK version changes.
#[derive(Clone, Debug, serde::Serialize)]
pub struct SdkChange {
    pub root: String,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The recreates of this root, when both versions are known: Tecton refuses the whole apply
    /// ("Destructive changes are not allowed when upgrading SDK versions").
    pub blocking_recreates: Vec<ObjectRef>,
}

/// An object a plan names: its kind, name and place.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ObjectRef {
    pub kind: &'static str,
    /// How the text form names the kind (`Batch Feature View`).
    #[serde(skip)]
    pub kind_display: &'static str,
    pub name: String,
    pub file: String,
    pub line: usize,
}

fn sdk_of(result: &CheckResult, root: &Path) -> Option<String> {
    result
        .roots
        .iter()
        .find(|r| r.path == root)
        .and_then(|r| r.sdk.as_ref())
        .map(|s| s.version.display.clone())
}

impl PlanResult {
    pub fn head_errors(&self) -> usize {
        self.head.count(Severity::Error)
    }

    /// Whether Tecton refuses the apply because it recreates objects while the SDK version
    /// changes (`tecton-upgrade-facts.md` §0.3).
    pub fn apply_blocked(&self) -> bool {
        self.sdk_changes
            .iter()
            .any(|c| !c.blocking_recreates.is_empty())
    }
}

/// What the plan reads of one root's base, checked again: worked out on the thread that checked it.
struct BaseSide {
    /// The base's unparsable files and set-up notes, in the order the plan lists them.
    notes: Vec<String>,
    /// The roots the check found (as discovery names them).
    roots: Vec<PathBuf>,
    sdk: Option<String>,
    config_broken: bool,
    /// The root's changes from the base to the working tree.
    changes: Vec<Change>,
}

/// `check`'s options for one side of the plan; `top` is the base's top-level (laid out where git
/// cannot see it), `None` for the working tree.
fn check_options(
    options: &PlanOptions,
    path: PathBuf,
    home: Option<PathBuf>,
    top: Option<PathBuf>,
) -> CheckOptions {
    CheckOptions {
        paths: vec![path],
        sdk_version: options.sdk_version.clone(),
        config: options.config.clone(),
        default_compute: options.default_compute,
        select: options.select.clone(),
        ignore: options.ignore.clone(),
        home,
        virtual_env: options.virtual_env.clone(),
        top,
    }
}

/// The plan objects of a checked root, files relative to the root.
fn plan_objects(result: &CheckResult, root: &Path) -> Vec<PlanObject> {
    result
        .roots
        .iter()
        .filter(|r| r.path == root)
        .flat_map(|r| r.objects.iter())
        .filter_map(|o| PlanObject::from_object(o, root, place(&o.span, &result.sources).line))
        .collect()
}

/// The git side of a base, read while the working tree is checked: the top-level, the revision's
/// tree, and what the working tree holds (`None` when git cannot tell).
type GitSide = (PathBuf, base::Tree, Option<WorkingTree>);

fn read_git_side(options: &PlanOptions, revision: &str) -> Result<GitSide, BaseError> {
    let Some(top) = base::git_toplevel(&options.path) else {
        return Err(BaseError(format!(
            "{} is not in a git repository, so there is no revision to plan against; pass --base-snapshot FILE (a `check --format json` document), or run in a git checkout with --base REF",
            options.path.display()
        )));
    };
    let tree = base::read_tree(&top, revision)?;
    let working = WorkingTree::read(&top, &tree);
    Ok((top, tree, working))
}

pub fn run(options: &PlanOptions) -> Result<PlanResult, BaseError> {
    let revision = match &options.base {
        BaseSpec::Revision(r) => Some(r.clone()),
        BaseSpec::Default => Some("HEAD".to_string()),
        BaseSpec::Snapshot(_) => None,
    };
    // git lists and hashes on its own thread while the working tree is checked on this one (which
    // the program gives a large stack).
    let (head, git_side) = std::thread::scope(|scope| {
        let reader = revision
            .as_deref()
            .map(|revision| scope.spawn(move || read_git_side(options, revision)));
        let head = check::run(&check_options(
            options,
            options.path.clone(),
            options.home.clone(),
            None,
        ));
        let git_side = reader.map(|reader| {
            reader
                .join()
                .unwrap_or_else(|_| Err(BaseError("reading the base revision failed".into())))
        });
        (head, git_side)
    });
    let mut changes = Vec::new();
    let mut unpinned = Vec::new();
    let mut sdk_changes = Vec::new();
    let mut notes = Vec::new();
    let mut broken_base_roots: Vec<String> = Vec::new();
    let head_roots: Vec<PathBuf> = head.roots.iter().map(|r| r.path.clone()).collect();
    let root_label = |root: &Path| display_path(root, &options.cwd);

    let base_info = match &options.base {
        BaseSpec::Snapshot(file) => {
            let text = crate::source::read_regular_text(file).map_err(|e| {
                BaseError(format!("cannot read the snapshot {}: {e}", file.display()))
            })?;
            // The working tree's objects, each root's on one of rayon's threads, while the
            // snapshot is read on this one.
            let (base_roots, mut head_objects_of) = rayon::join(
                || snapshot::read(&text),
                || {
                    use rayon::prelude::*;
                    head_roots
                        .par_iter()
                        .map(|root| plan_objects(&head, root))
                        .collect::<Vec<_>>()
                },
            );
            let base_roots = base_roots?;
            let mut matched = vec![false; base_roots.len()];
            // The directory the snapshot's paths are relative to, once a root tells it.
            let mut origin: Option<PathBuf> = None;
            for (root, head_objects) in head_roots.iter().zip(&mut head_objects_of) {
                let label = root_label(root);
                // A snapshot names its roots relative to where `check` ran: match by that name,
                // then by the end of the path, then by the objects the roots share.
                let mut head_objects = std::mem::take(head_objects);
                let free = |i: &usize| !matched[*i];
                let index = (0..base_roots.len())
                    .filter(free)
                    .find(|&i| base_roots[i].0 == label)
                    .or_else(|| {
                        (0..base_roots.len()).filter(free).find(|&i| {
                            base_roots[i].0 != "." && root.ends_with(Path::new(&base_roots[i].0))
                        })
                    })
                    .or_else(|| {
                        best_overlap(
                            &head_objects,
                            (0..base_roots.len())
                                .filter(free)
                                .map(|i| (i, &base_roots[i].1)),
                        )
                    });
                let empty = Vec::new();
                let base_objects = match index {
                    Some(i) => {
                        matched[i] = true;
                        let depth = Path::new(&base_roots[i].0)
                            .components()
                            .filter(|c| matches!(c, std::path::Component::Normal(_)))
                            .count();
                        if origin.is_none() && root.ends_with(Path::new(&base_roots[i].0)) {
                            origin = root.ancestors().nth(depth).map(Path::to_path_buf);
                        }
                        &base_roots[i].1
                    }
                    None => &empty,
                };
                // A snapshot records fewer fields than the code holds: compare only those.
                for object in &mut head_objects {
                    object
                        .fields
                        .retain(|name, _| snapshot::FIELDS.contains(&name.as_str()));
                }
                changes.extend(compare(&label, base_objects, &head_objects));
            }
            for (i, (path, objects)) in base_roots.iter().enumerate() {
                if matched[i] {
                    continue;
                }
                // A root of the snapshot under the planned path is gone; one elsewhere is simply
                // not part of this plan.
                let origin = origin.as_deref().unwrap_or(&options.cwd);
                if origin.join(path).starts_with(&options.path) {
                    changes.extend(compare(path, objects, &[]));
                } else {
                    notes.push(format!(
                        "the snapshot's root {path} is not under {}: not compared",
                        display_path(&options.path, &options.cwd)
                    ));
                }
            }
            BaseInfo::Snapshot {
                file: display_path(file, &options.cwd),
            }
        }
        _ => {
            let Some(git_side) = git_side else {
                return Err(BaseError("no base revision was read".into()));
            };
            let (top, tree, working) = git_side?;
            let same = same_roots(options, &head, &head_roots, &top, &tree, working.as_ref());
            let skip: Vec<PathBuf> = same
                .keys()
                .filter_map(|root| root.strip_prefix(&top).ok())
                .map(Path::to_path_buf)
                .collect();
            // A file the working tree holds byte for byte is linked rather than written.
            let held = |entry: &base::TreeEntry| working.as_ref().is_some_and(|w| w.holds(entry));
            let git_base = base::lay_out(&top, &tree, &skip, &held)?;
            let relative_path = options
                .path
                .strip_prefix(&top)
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let mut base_roots_seen = Vec::new();
            let mut unmatched_head = Vec::new();
            let mut base_only: Vec<(String, Vec<PlanObject>)> = Vec::new();
            // The base of each root is laid out, then checked: in parallel when no root holds
            // another (a monorepo's roots side by side), else one by one, since laying out a
            // nested root's base changes what a check of the outer one finds.
            let mut jobs = Vec::new();
            for root in &head_roots {
                let relative = root
                    .strip_prefix(&top)
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                let base_root = git_base.top.join(&relative);
                if !base_root.is_dir() {
                    unmatched_head.push(root.clone());
                    continue;
                }
                let head_setup = head
                    .roots
                    .iter()
                    .find(|r| &r.path == root)
                    .and_then(|r| r.setup.clone());
                jobs.push((root, relative, base_root, head_setup));
            }
            let nested = head_roots
                .iter()
                .any(|a| head_roots.iter().any(|b| a != b && a.starts_with(b)));
            // A root that reads the same bytes on both sides is not checked again: the working
            // tree's analysis stands for its base (see `reuse`).
            let check_base = |(root, relative, base_root, head_setup): &(
                &PathBuf,
                PathBuf,
                PathBuf,
                Option<String>,
            )| {
                if same.contains_key(*root) {
                    return None;
                }
                prepare_base_root(&git_base, &top, relative, root, head_setup.is_none());
                let result = check::run(&check_options(
                    options,
                    base_root.clone(),
                    None,
                    Some(git_base.top.clone()),
                ));
                // What the plan reads of the base's check, and the root's changes, worked out
                // here, beside the other roots' checks: the check itself is dropped here too.
                let mut notes = Vec::new();
                record_unparsable(&result, &git_base.top, &mut notes);
                for setup in result.roots.iter().filter_map(|r| r.setup.as_ref()) {
                    notes.push(format!("in the base, {setup}"));
                }
                let base_objects = plan_objects(&result, base_root);
                let changes = compare(&root_label(root), &base_objects, &plan_objects(&head, root));
                Some(BaseSide {
                    notes,
                    roots: result.roots.iter().map(|r| r.path.clone()).collect(),
                    sdk: sdk_of(&result, base_root),
                    config_broken: config_broken(&result),
                    changes,
                })
            };
            let checked = jobs
                .iter()
                .filter(|(root, _, _, _)| !same.contains_key(*root))
                .count();
            let results: Vec<Option<BaseSide>> = if nested || checked < 2 {
                jobs.iter().map(check_base).collect()
            } else {
                use rayon::prelude::*;
                jobs.par_iter()
                    .map(|job| crate::one_of_several(|| check_base(job)))
                    .collect()
            };
            for ((root, _, base_root, head_setup), result) in jobs.iter().zip(results) {
                let label = root_label(root);
                if let Some(setup) = &head_setup {
                    notes.push(format!("in the working tree, {setup}"));
                }
                let Some(side) = result else {
                    // The working tree's analysis stands for the base: no note (no TP001, a
                    // `.tecton`), the same SDK version, and objects equal to themselves: no change.
                    // As a check of it would name it: discovery resolves symlinks.
                    base_roots_seen.push(
                        std::fs::canonicalize(base_root).unwrap_or_else(|_| base_root.clone()),
                    );
                    if same.get(*root).copied().unwrap_or(false) {
                        broken_base_roots.push(label.clone());
                    }
                    continue;
                };
                notes.extend(side.notes);
                base_roots_seen.extend(side.roots);
                let new = sdk_of(&head, root);
                if side.sdk != new {
                    sdk_changes.push(SdkChange {
                        root: label.clone(),
                        old: side.sdk,
                        new,
                        blocking_recreates: Vec::new(),
                    });
                }
                if side.config_broken {
                    broken_base_roots.push(label.clone());
                }
                changes.extend(side.changes);
            }
            // Roots that exist only in the base: everything in them is deleted.
            let base_start = git_base.top.join(&relative_path);
            if base_start.exists() {
                let found = crate::discover::find_roots(&base_start, None);
                for root in found.roots {
                    if base_roots_seen.contains(&root.path) || !root.path.starts_with(&git_base.top)
                    {
                        continue;
                    }
                    let relative = root
                        .path
                        .strip_prefix(&git_base.top)
                        .map(Path::to_path_buf)
                        .unwrap_or_default();
                    let result = check::run(&check_options(
                        options,
                        root.path.clone(),
                        None,
                        Some(git_base.top.clone()),
                    ));
                    let label = root_label(&top.join(&relative));
                    base_only.push((label, plan_objects(&result, &root.path)));
                }
            }
            // A root that moved (a renamed directory) is the same feature repository: pair the
            // roots found on one side only by the objects they share.
            for root in &unmatched_head {
                let label = root_label(root);
                let head_objects = plan_objects(&head, root);
                let pair = best_overlap(
                    &head_objects,
                    base_only.iter().enumerate().map(|(i, (_, o))| (i, o)),
                );
                let base_objects = match pair {
                    Some(i) => {
                        let (old_label, objects) = base_only.remove(i);
                        notes.push(format!(
                            "the root {old_label} of the base is now {label}: compared as one"
                        ));
                        objects
                    }
                    None => Vec::new(),
                };
                changes.extend(compare(&label, &base_objects, &head_objects));
            }
            for (label, objects) in &base_only {
                changes.extend(compare(label, objects, &[]));
            }
            BaseInfo::Git {
                revision: git_base.revision.clone(),
                commit: git_base.commit.clone(),
            }
        }
    };
    for root in &head_roots {
        // Only stream views without a runtime can be unpinned streams (a runtime is the plan's
        // `tecton_materialization_runtime` field): the others are not rendered for the plan.
        let objects: Vec<PlanObject> = head
            .roots
            .iter()
            .filter(|r| &r.path == root)
            .flat_map(|r| r.objects.iter())
            .filter(|o| o.kind == crate::model::Kind::StreamFeatureView && o.runtime.is_none())
            .filter_map(|o| PlanObject::from_object(o, root, place(&o.span, &head.sources).line))
            .collect();
        let runtime_required = head
            .roots
            .iter()
            .find(|r| &r.path == root)
            .and_then(|r| r.sdk.as_ref())
            .is_some_and(|sdk| sdk.version.at_least(0, 8, 0));
        for object in unpinned_streams(&objects) {
            unpinned.push(Unpinned {
                name: object.name.clone(),
                file: display_path(&root.join(&object.file), &options.cwd),
                line: object.line,
                runtime_required,
            });
        }
    }
    for label in &broken_base_roots {
        notes.push(format!(
            "in the base, {} is not a valid repo config, so `tecton apply` could not have applied that revision; the defaults it sets are unknown there",
            in_root(label, "repo.yaml")
        ));
        for change in changes.iter_mut().filter(|c| &c.root == label) {
            let from_config = change.fields.iter().any(|f| {
                f.name == "tecton_materialization_runtime"
                    && f.old.is_none()
                    && f.origin == Some(crate::model::Origin::RepoConfig)
            });
            if from_config && change.stream_job == Some(StreamJob::BlueGreen) {
                change.stream_job = Some(StreamJob::Unknown(
                    "the base's runtime came from an invalid repo.yaml, so whether it changes is not known".into(),
                ));
            }
        }
    }
    let unnamed = head
        .roots
        .iter()
        .flat_map(|r| r.objects.iter())
        .filter(|o| o.name.is_none() && !o.implicit)
        .map(|o| {
            let p = place(&o.span, &head.sources);
            format!(
                "the {} at {}:{} has a name that is not known statically (TP002): it is left out of the plan",
                o.kind.display(),
                display_path(&o.file, &options.cwd),
                p.line
            )
        });
    notes.extend(unnamed);
    for change in &mut changes {
        // Shown relative to the working directory, like every other path.
        change.file = in_root(&change.root, &change.file);
    }
    // With one side's version unknown, whether the SDK changes is not known either: the text
    // form warns, and the apply is not called refused.
    for sdk_change in &mut sdk_changes {
        if sdk_change.old.is_none() || sdk_change.new.is_none() {
            continue;
        }
        sdk_change.blocking_recreates = changes
            .iter()
            .filter(|c| c.action == Action::Recreate && c.root == sdk_change.root)
            .map(|c| ObjectRef {
                kind: c.kind.as_str(),
                kind_display: c.kind.display(),
                name: c.name.clone(),
                file: c.file.clone(),
                line: c.line,
            })
            .collect();
    }
    Ok(PlanResult {
        base: base_info,
        changes,
        unpinned,
        head,
        sdk_changes,
        notes,
    })
}

/// Whether a checked root's repo config is one Tecton rejects (it then stops before the apply).
fn config_broken(result: &CheckResult) -> bool {
    result.diagnostics.iter().any(rejects_config)
}

fn rejects_config(d: &crate::diagnostic::Diagnostic) -> bool {
    d.severity() == Severity::Error && matches!(d.code, "TP102" | "TP103" | "TP104" | "TP105")
}

/// Whether the temporary directory the base is laid out in is below a hidden folder (as given or
/// with symlinks resolved): the base's roots then import nothing, unlike the working tree's.
fn hidden_temp_dir() -> bool {
    crate::source::below_hidden_folder(&crate::source::scratch_parent())
}

/// The roots of the working tree whose base is not checked again, because they read the same bytes
/// on both sides (see `reuse`), each with whether its repo config is one Tecton rejects. Only where
/// the working tree's check tells each root's findings apart: a directory planned (a named file
/// filters them), each root with its own repo config (no `--config`), roots side by side, every
/// unparsable file and repo config finding in a root. A root without `.tecton`, with an unparsable
/// file (the base's notes name it), or below a hidden folder on either side is checked again.
fn same_roots(
    options: &PlanOptions,
    head: &CheckResult,
    head_roots: &[PathBuf],
    top: &Path,
    tree: &base::Tree,
    working: Option<&WorkingTree>,
) -> std::collections::HashMap<PathBuf, bool> {
    let mut same = std::collections::HashMap::new();
    let Some(working) = working else {
        return same;
    };
    let nested = head_roots
        .iter()
        .any(|a| head_roots.iter().any(|b| a != b && a.starts_with(b)));
    if nested || !options.path.is_dir() || options.config.is_some() || hidden_temp_dir() {
        return same;
    }
    let mut unparsable = std::collections::HashSet::new();
    let mut broken = std::collections::HashSet::new();
    for d in &head.diagnostics {
        let config = rejects_config(d);
        if d.code != "TP001" && !config {
            continue;
        }
        let root = d
            .span
            .as_ref()
            .and_then(|span| head_roots.iter().find(|r| span.file.starts_with(r)));
        match root {
            Some(root) if config => {
                broken.insert(root);
            }
            Some(root) => {
                unparsable.insert(root);
            }
            // A base's notes name only the unparsable files with a place.
            None if !config && d.span.is_none() => {}
            None => return same,
        }
    }
    let sides = working.against(tree);
    for root in head_roots {
        let Some(report) = head.roots.iter().find(|r| &r.path == root) else {
            continue;
        };
        let Ok(relative) = root.strip_prefix(top) else {
            continue;
        };
        if report.setup.is_none()
            && !unparsable.contains(root)
            && check::hidden_ancestor(root).is_none()
            && sides.same_root(relative)
        {
            same.insert(root.clone(), broken.contains(root));
        }
    }
    same
}

/// The candidate sharing the most objects (kind and name) with `objects`, when they share more
/// than half of the smaller of the two.
fn best_overlap<'p>(
    objects: &[PlanObject],
    candidates: impl Iterator<Item = (usize, &'p Vec<PlanObject>)>,
) -> Option<usize> {
    let names: std::collections::HashSet<(crate::model::Kind, &str)> =
        objects.iter().map(|o| (o.kind, o.name.as_str())).collect();
    candidates
        .map(|(i, other)| {
            let shared = other
                .iter()
                .filter(|o| names.contains(&(o.kind, o.name.as_str())))
                .count();
            (i, shared, other.len().min(objects.len()))
        })
        .filter(|(_, shared, smaller)| *shared > 0 && shared * 2 > *smaller)
        .max_by_key(|(_, shared, _)| *shared)
        .map(|(i, _, _)| i)
}

/// Files that the base's root needs but git does not hold: the `.tecton` marker and a `repo.yaml`
/// that git ignores (Tecton's sample repository ignores both; `tecton init` writes them). The
/// working tree's copies stand in, since they are not versioned. When the working tree has no
/// marker either (`head_marked` false), nothing stands in: the base is checked as `tecton init`
/// would set it up at that revision, with that revision's SDK pin, as the working tree is.
fn prepare_base_root(
    git_base: &GitBase,
    top: &Path,
    relative: &Path,
    head_root: &Path,
    head_marked: bool,
) {
    let base_root = git_base.top.join(relative);
    let marker = base_root.join(".tecton");
    if !head_marked {
        return;
    }
    // Only new files (`create_new` refuses any name that exists, a link leading nowhere
    // included): the base's files may be links (symbolic ones from the revision, hard ones to
    // the working tree's files), and nothing is written through one.
    let create = |path: &Path, content: &[u8]| {
        use std::io::Write;
        let _ = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut file| file.write_all(content));
    };
    create(&marker, b"");
    let config = base_root.join("repo.yaml");
    let head_config = head_root.join("repo.yaml");
    // Asked first, as it is cheaper than asking git.
    if config.symlink_metadata().is_err()
        && head_config.is_file()
        && git_ignores(top, &relative.join("repo.yaml"))
    {
        if let Ok(bytes) = crate::source::read_regular(&head_config) {
            create(&config, &bytes);
        }
    }
}

fn git_ignores(top: &Path, relative: &Path) -> bool {
    std::process::Command::new("git")
        .args(["check-ignore", "-q", "--no-index", "--"])
        .arg(relative)
        .current_dir(top)
        .status()
        .is_ok_and(|s| s.success())
}

/// A root-relative path shown from the working directory, given the root's label (`.` for the
/// working directory itself).
fn in_root(root: &str, file: &str) -> String {
    if root == "." {
        file.to_string()
    } else {
        format!("{root}/{file}")
    }
}

fn record_unparsable(result: &CheckResult, base_top: &Path, out: &mut Vec<String>) {
    for d in &result.diagnostics {
        if d.code == "TP001" {
            if let Some(span) = &d.span {
                let path = span.file.strip_prefix(base_top).unwrap_or(&span.file);
                out.push(format!(
                    "in the base, {}: {}; its objects count as absent there",
                    path.display(),
                    d.message
                ));
            }
        }
    }
}
