//! One `check` run: discovery, then for each root its SDK version, repo config, Python objects and
//! rules. Returns plain data for the reports; prints nothing.

use std::path::{Path, PathBuf};

use crate::analyze::{self, DefaultCompute, Inputs};
use crate::config::{self, ComputeKey, RepoConfig};
use crate::diagnostic::{Diagnostic, Label, Severity, Span};
use crate::discover;
use crate::drop_or_keep;
use crate::fix::{Applicability, Changeset, FixError};
use crate::model::{DefaultUse, Kind, ListedObject, TectonObject};
use crate::python;
use crate::rules::{self, Context};
use crate::sdk::{self, DetectEnv, Sdk};
use crate::source::{SourceText, Sources};
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
    /// The git top-level, when the caller knows it: a plan's base is laid out in a temporary
    /// directory that git does not know. `None`: asked of `git` for each root.
    pub top: Option<PathBuf>,
}

/// What was learnt about one root.
pub struct RootReport {
    pub path: PathBuf,
    pub sdk: Option<Sdk>,
    pub config_path: PathBuf,
    pub config_exists: bool,
    pub files: usize,
    /// Every object, with all that the rules and the plan read; empty after a check for the
    /// reports alone ([`run_for_reports`]), which keeps `listed` instead.
    pub objects: Vec<TectonObject>,
    /// The objects as the reports list them, when only that was kept.
    pub listed: Option<Vec<ListedObject>>,
    /// Where findings about the root as a whole point: its `.tecton`; for a root without one, its
    /// `repo.yaml`, else the SDK pin, else its first Python file.
    pub anchor: PathBuf,
    /// For a root without `.tecton`: how it was checked (as `tecton init` would set it up), one
    /// sentence for the plan's notes.
    pub setup: Option<String>,
    /// The SDK pin the version came from (a requirements file, `pyproject.toml`, `setup.cfg`).
    pub pin: Option<Span>,
}

#[derive(Default)]
pub struct CheckResult {
    pub roots: Vec<RootReport>,
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl RootReport {
    /// How many objects the root has.
    pub fn object_count(&self) -> usize {
        self.listed.as_ref().map_or(self.objects.len(), Vec::len)
    }
}

impl CheckResult {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }
}

impl CheckResult {
    /// The findings `--fix` would change: those with a safe fix.
    pub fn fixable(&self) -> usize {
        self.diagnostics.iter().filter(|d| is_fixable(d)).count()
    }

    /// Where `--fix` may write: the roots, the pin files their SDK versions came from, and an
    /// explicit `--config` file.
    pub fn writable(&self, options: &CheckOptions) -> Vec<PathBuf> {
        let mut allowed: Vec<PathBuf> = Vec::new();
        for root in &self.roots {
            allowed.push(root.path.clone());
            allowed.extend(root.pin.as_ref().map(|p| p.file.to_path_buf()));
        }
        allowed.extend(options.config.clone());
        allowed
    }

    /// The safe fixes of the findings, gathered into one changeset over the bytes each file had
    /// when it was analysed. A fix whose file changed since then, or that overlaps a fix already
    /// taken, is left out (with why): the next pass takes it.
    pub fn changeset(&self) -> (Changeset, usize, Vec<FixError>) {
        self.changeset_excluding(&[])
    }

    /// [`CheckResult::changeset`] without the fixes that touch one of `excluded` (files already
    /// refused in this run).
    pub fn changeset_excluding(&self, excluded: &[PathBuf]) -> (Changeset, usize, Vec<FixError>) {
        let mut changes = Changeset::new();
        let mut taken = 0;
        let mut left_out = Vec::new();
        for fix in self
            .diagnostics
            .iter()
            .filter(|d| is_fixable(d))
            .filter_map(|d| d.fix.as_ref())
            .filter(|f| !f.edits.iter().any(|e| excluded.contains(&e.file)))
        {
            match self.as_on_disk(&fix.edits, &mut changes) {
                Ok(edits) => match changes.add(&edits) {
                    Ok(()) => taken += 1,
                    Err(FixError::Overlap { .. }) => {}
                    Err(err) => left_out.push(err),
                },
                Err(err) => left_out.push(err),
            }
        }
        (changes, taken, left_out)
    }

    /// `edits` (offsets into the text the analysis read) as offsets into the files' bytes on disk
    /// ([`crate::fix::on_disk`]), registering those bytes as the originals.
    fn as_on_disk(
        &self,
        edits: &[crate::fix::Edit],
        changes: &mut Changeset,
    ) -> Result<Vec<crate::fix::Edit>, FixError> {
        let mut out = Vec::with_capacity(edits.len());
        for edit in edits {
            let changed = || FixError::ChangedSinceRead {
                file: edit.file.clone(),
            };
            let source = self.sources.get(&edit.file).ok_or_else(changed)?;
            let bytes = crate::source::read_regular(&edit.file).map_err(|error| FixError::Io {
                file: edit.file.clone(),
                error,
            })?;
            let (start, end) = crate::fix::on_disk(
                &source.text,
                &bytes,
                edit.start,
                edit.end,
                &edit.replacement,
            )
            .ok_or_else(changed)?;
            changes.set_original(&edit.file, bytes);
            out.push(crate::fix::Edit {
                start,
                end,
                ..edit.clone()
            });
        }
        Ok(out)
    }
}

fn is_fixable(d: &Diagnostic) -> bool {
    d.fix
        .as_ref()
        .is_some_and(|f| f.applicability == Applicability::Safe && !f.edits.is_empty())
}

/// The most passes `--fix` makes: one fix can lead to another (a quoted `1.0` becomes `"1.0.0"`,
/// which may then be out of the window), so it checks again until nothing changes, as ruff does.
pub const MAX_FIX_PASSES: usize = 10;

/// What `check --fix` or `check --diff` did.
#[derive(Default)]
pub struct FixRun {
    /// The check after the fixes were written (with `--diff`, the check before).
    pub result: CheckResult,
    /// Findings fixed (with `--diff`: that the diff fixes).
    pub fixed: usize,
    /// The files written, in order, without repeats.
    pub written: Vec<PathBuf>,
    /// `--diff`: the unified diff of the first pass.
    pub diff: String,
    /// Why some fixes were not applied (a file changed since it was read, outside the roots, an
    /// I/O error, or fixes that did not settle in [`MAX_FIX_PASSES`] passes).
    pub errors: Vec<String>,
}

/// `check --fix` (`write`) or `check --diff`: checks, applies the safe fixes through the edit
/// engine, and checks again until nothing is left to fix.
pub fn run_fix(options: &CheckOptions, write: bool, cwd: &Path) -> FixRun {
    let mut result = run(options);
    let mut out = FixRun::default();
    // Files refused in this run (changed since read, outside the roots, unwritable): reported
    // once, and their fixes left out of every later changeset, so the other files are still fixed.
    let mut refused: Vec<PathBuf> = Vec::new();
    let refuse = |err: FixError, refused: &mut Vec<PathBuf>, out: &mut FixRun| {
        if !refused.iter().any(|f| f == err.file()) {
            refused.push(err.file().to_path_buf());
            out.errors.push(err.to_string());
        }
    };
    let mut passes = 0;
    loop {
        let (changes, taken, left_out) = result.changeset_excluding(&refused);
        for err in left_out {
            refuse(err, &mut refused, &mut out);
        }
        if changes.is_empty() {
            break;
        }
        let allowed = result.writable(options);
        if !write {
            match crate::fix::verify(&changes, &allowed) {
                Ok(()) => {
                    out.diff = crate::fix::unified_diff(&changes, cwd);
                    out.fixed = taken;
                    break;
                }
                Err(err) => {
                    refuse(err, &mut refused, &mut out);
                    continue;
                }
            }
        }
        if passes == MAX_FIX_PASSES {
            out.errors.push(format!(
                "the fixes did not settle after {MAX_FIX_PASSES} passes; please report it"
            ));
            break;
        }
        match crate::fix::apply(&changes, &allowed) {
            Ok(written) => {
                passes += 1;
                out.fixed += taken;
                for file in written {
                    if !out.written.contains(&file) {
                        out.written.push(file);
                    }
                }
                result = run(options);
            }
            // Nothing of this changeset was written (or, for an I/O error mid-way, the files
            // before it were): try again without the refused file.
            Err(err) => refuse(err, &mut refused, &mut out),
        }
    }
    out.result = result;
    out
}

/// What `check --add-noqa` did.
#[derive(Default)]
pub struct NoqaRun {
    /// The check before the comments were written.
    pub result: CheckResult,
    /// Findings the written comments silence.
    pub silenced: usize,
    /// Findings left for a person (see [`suppress::Noqa::skipped`]).
    pub skipped: usize,
    pub written: Vec<PathBuf>,
    pub errors: Vec<String>,
}

/// `check --add-noqa`: checks, then writes through the edit engine a suppression comment on the
/// line of each finding (the line where suppressions are honoured), so a repository can adopt the
/// tool with its current findings silenced. A second run adds nothing: the findings are gone.
pub fn run_add_noqa(options: &CheckOptions) -> NoqaRun {
    let result = run(options);
    let suppressible = |file: &Path| {
        result.roots.iter().any(|root| {
            root.config_path == file
                || (file.starts_with(&root.path) && file.extension().is_some_and(|e| e == "py"))
        })
    };
    let noqa = suppress::noqa(&result.diagnostics, &suppressible, &result.sources);
    let mut out = NoqaRun {
        skipped: noqa.skipped,
        ..NoqaRun::default()
    };
    let mut changes = Changeset::new();
    for edit in &noqa.edits {
        let added = result
            .as_on_disk(std::slice::from_ref(edit), &mut changes)
            .and_then(|edits| changes.add(&edits));
        if let Err(err) = added {
            out.errors.push(err.to_string());
        }
    }
    if out.errors.is_empty() && !changes.is_empty() {
        match crate::fix::apply(&changes, &result.writable(options)) {
            Ok(written) => {
                out.silenced = noqa.findings;
                out.written = written;
            }
            Err(err) => out.errors.push(err.to_string()),
        }
    }
    out.result = result;
    out
}

/// Checks, keeping everything a later stage may use: every object's parameters (the plan compares
/// them) and the text of every file read (`--fix` and `--add-noqa` edit them).
pub fn run(options: &CheckOptions) -> CheckResult {
    run_with(options, false)
}

/// Checks for the reports alone: objects keep no parameter text, and once a root is checked its
/// objects are kept only as the reports list them (their lines worked out then) and the texts of
/// its Python files without a finding are let go, so a monorepo's memory does not grow with all
/// of its text. The findings, and so the reports, are the same as [`run`]'s.
pub fn run_for_reports(options: &CheckOptions) -> CheckResult {
    run_with(options, true)
}

fn run_with(options: &CheckOptions, lean: bool) -> CheckResult {
    let sources = Sources::default();
    let mut diagnostics = Vec::new();
    let mut roots = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // Discovery first, in order; then the roots are analysed in parallel (a monorepo holds dozens),
    // and their findings joined in the order a one-by-one run would give them.
    enum Step {
        Found(Vec<Diagnostic>),
        Root(discover::Root, sdk::Stop),
    }
    let mut steps = Vec::new();
    for path in &options.paths {
        let discovery = discover::find_roots(path, options.home.as_deref());
        // A named file outside every feature repository (a commit that also touches tooling) is
        // simply not Tecton's: nothing to report, as ruff skips files it does not lint.
        if !(is_named_file(path) && discovery.roots.is_empty()) {
            steps.push(Step::Found(discovery.diagnostics));
        }
        for root in discovery.roots {
            if seen.insert(root.path.clone()) {
                let stop = pin_stop(&root.path, path, options.top.as_deref());
                steps.push(Step::Root(root, stop));
            }
        }
    }
    let work = |step: Step| match step {
        Step::Found(found) => (None, found),
        Step::Root(root, stop) => {
            let mut found = Vec::new();
            let report = check_root(&root, &stop, options, lean, &sources, &mut found);
            (report, found)
        }
    };
    // One root stays on the calling thread (the program gives it a large stack); several go to
    // rayon's workers, which the program gives the same stack.
    let several = steps.iter().filter(|s| matches!(s, Step::Root(..))).count() > 1;
    let done: Vec<(Option<RootReport>, Vec<Diagnostic>)> = if several {
        use rayon::prelude::*;
        steps
            .into_par_iter()
            .map(|step| crate::one_of_several(|| work(step)))
            .collect()
    } else {
        steps.into_iter().map(work).collect()
    };
    for (report, found) in done {
        roots.extend(report);
        diagnostics.extend(found);
    }
    // Files named on the command line (pre-commit passes the changed ones): their whole roots are
    // analysed, since a runtime lives in repo.yaml and a constant in another module, but only
    // findings with a place (the primary one, a label, or an object they concern) in those files
    // or in the roots' repo configs are reported: a view's runtime finding is at its argument and
    // labels the constant, so a change to either file reports it, and a finding about an object
    // a factory of another file built is anchored at the call that built it too.
    // A named file that shapes the whole root (an SDK pin, `.tectonignore`, the tool's own
    // configuration) reports every finding of its root: bumping the pin can break any file.
    // Each path as given and with symlinks resolved, since roots and their files are found from
    // the resolved path (a named `/link/repo/a.py` must still match `/real/repo/a.py`).
    let named: Vec<PathBuf> = with_resolved(options.paths.iter().filter(|p| is_named_file(p)));
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
        let given_directories = with_resolved(options.paths.iter().filter(|p| p.is_dir()));
        let directories: Vec<&PathBuf> = given_directories.iter().chain(whole_roots).collect();
        let configs: Vec<PathBuf> = roots
            .iter()
            .filter(|r| named.iter().any(|n| n.starts_with(&r.path)))
            .map(|r| r.config_path.clone())
            .collect();
        let reported = |span: &Span| {
            named.iter().any(|n| **n == *span.file)
                || configs.iter().any(|c| **c == *span.file)
                || directories.iter().any(|dir| span.file.starts_with(dir))
        };
        diagnostics.retain(|d| match &d.span {
            Some(span) => {
                reported(span)
                    || d.labels.iter().any(|l| reported(&l.span))
                    || d.anchors.iter().any(|a| reported(&a.span))
                    || d.code == "TP005"
            }
            None => true,
        });
    }
    diagnostics.sort_by(|a, b| {
        // Borrowed, not cloned: the comparison runs n log n times.
        // `None` first, as an empty path sorts before every other.
        fn key(d: &Diagnostic) -> (&Path, usize) {
            d.span
                .as_ref()
                .map_or((Path::new(""), 0), |s| (&*s.file, s.start()))
        }
        key(a)
            .cmp(&key(b))
            .then(a.code.cmp(b.code))
            .then_with(|| a.message.cmp(&b.message))
    });
    // Roots that share a file (`--config` given with several roots) each find what is in it: one
    // finding, naming the objects of every root.
    diagnostics.dedup_by(|later, earlier| {
        if (later.code, &later.span, &later.message, &later.help)
            != (earlier.code, &earlier.span, &earlier.message, &earlier.help)
        {
            return false;
        }
        earlier.merge(later);
        true
    });
    // A finding in a file whose text was let go once its root was checked (a file two roots share,
    // where only the other root found something) gets it back, decoded as its root read it.
    if lean {
        for d in &diagnostics {
            for file in files_of(d) {
                if sources.get(file).is_some_and(|s| s.let_go) {
                    if let Some(text) = python::reread(file) {
                        sources.restore(file, text);
                    }
                }
            }
        }
    }
    // A finding in a file no stage kept the text of (`.tectonignore`, a pin file) still gets its
    // line and column: read it now.
    for d in &diagnostics {
        let spans = d.span.iter().chain(d.labels.iter().map(|l| &l.span));
        for span in spans {
            if span.end() > 0 && sources.get(&span.file).is_none() {
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

/// Every file a finding shows a place in: its span, labels, objects and fix.
fn files_of(d: &Diagnostic) -> impl Iterator<Item = &Path> {
    d.span
        .iter()
        .map(|s| &*s.file)
        .chain(d.labels.iter().map(|l| &*l.span.file))
        .chain(d.anchors.iter().map(|a| &*a.span.file))
        .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| &*e.file)))
}

/// Each path, and also its symlink-free form when that differs.
fn with_resolved<'p>(paths: impl Iterator<Item = &'p PathBuf>) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        out.push(path.clone());
        // A link that leads nowhere is named by its folder's resolved path and its own name.
        let resolved = std::fs::canonicalize(path).or_else(|err| {
            if is_named_file(path) {
                crate::source::resolved_folder(path)
            } else {
                Err(err)
            }
        });
        if let Ok(resolved) = resolved {
            if resolved != *path {
                out.push(resolved);
            }
        }
    }
    out
}

/// Whether a path named on the command line is a file: a regular one, or a link that leads to no
/// folder (a dangling or looping link that pre-commit passes is a file Tecton fails to import).
fn is_named_file(path: &Path) -> bool {
    path.is_file()
        || (std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) && !path.is_dir())
}

/// The last folder to look in for the root's SDK pin: the git top-level (`top` when the caller
/// knows it, else asked of `git` when the root itself holds no pin), or outside git the directory
/// named on the command line (a named file's directory), so that `check .` in an unpacked archive
/// finds the `requirements.txt` above its roots. A stop below the root means the root alone.
pub(crate) fn pin_stop(root: &Path, named: &Path, top: Option<&Path>) -> sdk::Stop {
    if let Some(top) = top.filter(|top| root.starts_with(top)) {
        return sdk::Stop::At(top.to_path_buf());
    }
    let named = if named.is_dir() {
        named
    } else {
        named.parent().unwrap_or(named)
    };
    let named = std::fs::canonicalize(named).unwrap_or_else(|_| named.to_path_buf());
    if top.is_some() {
        return sdk::Stop::At(named);
    }
    sdk::Stop::GitTopOr(named)
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
pub(crate) fn ignores_hidden_paths() -> bool {
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
pub(crate) fn hidden_ancestor(root: &Path) -> Option<String> {
    root.components().find_map(|c| match c {
        std::path::Component::Normal(name) if name.to_string_lossy().starts_with('.') => {
            Some(name.to_string_lossy().into_owned())
        }
        _ => None,
    })
}

/// Checks one root. `None` when a directory without `.tecton` turns out not to be checkable as
/// one (no SDK version says what `tecton init` would write there): a TP004 says why.
fn check_root(
    found_root: &discover::Root,
    pin_stop: &sdk::Stop,
    options: &CheckOptions,
    lean: bool,
    sources: &Sources,
    out: &mut Vec<Diagnostic>,
) -> Option<RootReport> {
    let root = found_root.path.as_path();
    // This root's findings, gathered here so that its suppressions and settings apply to them.
    let mut found = Vec::new();
    let out_all = out;
    let out = &mut found;
    let (settings, settings_diagnostics) = settings::load(root, sources);
    out.extend(settings_diagnostics);
    // What the SDK and the repo config are does not depend on the root's files: for a lone root,
    // rayon's other thread, idle until the parse starts, works them out while this one lists the
    // files and starts the parse, then parses until they are known. One of several roots works
    // them out after its files are listed, on its own thread, while its parse runs.
    let (files, hidden, first_file, parsing, set_up) = if crate::alone() {
        let claimed = std::sync::atomic::AtomicBool::new(false);
        let done = std::sync::OnceLock::new();
        let run_set_up = || {
            if !claimed.swap(true, std::sync::atomic::Ordering::AcqRel) {
                // A panic is kept for this thread to raise again: its wait would never end.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    set_up(found_root, pin_stop, options, &settings, sources)
                }));
                let _ = done.set(result.map_err(std::sync::Mutex::new));
            }
        };
        let (files, hidden, first_file, parsing) = rayon::in_place_scope(|scope| {
            scope.spawn(|_| run_set_up());
            let (files, hidden, first_file, parsing) = list_files(root, sources, out);
            // Run here if no other thread has taken it; else parse while it runs, and wait for
            // it (not rayon's wait, which would take on a whole parse job) once no file is left.
            run_set_up();
            while done.get().is_none() && parsing.parse_next() {}
            done.wait();
            (files, hidden, first_file, parsing)
        });
        let set_up = match done.into_inner() {
            Some(Ok(set_up)) => set_up,
            Some(Err(panic)) => std::panic::resume_unwind(
                panic
                    .into_inner()
                    .unwrap_or_else(std::sync::PoisonError::into_inner),
            ),
            None => unreachable!("set up before the scope ends"),
        };
        (files, hidden, first_file, parsing, set_up)
    } else {
        let (files, hidden, first_file, parsing) = list_files(root, sources, out);
        let set_up = set_up(found_root, pin_stop, options, &settings, sources);
        (files, hidden, first_file, parsing, set_up)
    };
    let detection = set_up.detection;
    let config_path = set_up.config_path;
    out.extend(detection.diagnostics);
    let sdk = detection.sdk;

    let anchor = if found_root.marker.is_marked() {
        root.join(".tecton")
    } else if config_path.is_file() {
        config_path.clone()
    } else if let Some(pin) = &detection.pin {
        pin.file.to_path_buf()
    } else if let Some(first) = first_file {
        // A file that exists, for the formats that attach findings to files.
        first
    } else {
        root.to_path_buf()
    };
    if let Some(hidden) = hidden {
        out.push(
            Diagnostic::new(
                "TP004",
                format!(
                    "the feature repository is inside the hidden directory `{hidden}`: Tecton skips every path containing `/.`, so it would import no file here, and `tecton apply` would delete every object of the workspace"
                ),
            )
            .at(Span::whole_file(&anchor))
            .with_help("move the repository out of the hidden directory, or set TECTON_REPO_IGNORE_ALL_HIDDEN_DIRS=false where `tecton apply` runs (tecton-preflight honours it too)"),
        );
    }

    // A root without `.tecton` is checked as `tecton init` run there would leave it: the marker
    // written, an existing repo.yaml kept, a missing one written from the SDK's starter.
    let mut setup = None;
    let Some(starter) = set_up.starter else {
        out_all.push(no_sdk_for_init(root, &files.files));
        return None;
    };
    if !found_root.marker.is_marked() {
        let (note, text) = init_note(
            root,
            found_root.marker,
            starter.as_ref(),
            sdk.as_ref(),
            &detection.pin,
            &anchor,
            config_path.is_file(),
        );
        setup = Some(text);
        out.push(note);
    }
    out.extend(set_up.config_diagnostics);
    let (config, config_exists) = set_up.config;
    let pin = detection.pin;
    let python = python::analyze_parsed(
        root,
        parsing,
        set_up.api,
        set_up.environment.as_ref(),
        !lean,
    );
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
            params: !lean,
        },
    );
    out.extend(resolve_diagnostics);
    drop_or_keep(python.objects, python.source_bytes);
    unused_cluster_defaults(out, config.as_ref(), &objects);

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
        anchor: &anchor,
        sources,
        runtime_uses: Default::default(),
    };
    // The reports' list of the objects does not depend on the findings: for a lone root, rayon's
    // other thread (idle once the files are parsed) makes it while this one runs the rules.
    let mut listed = None;
    let list = || {
        // The objects come by file: the last file's text is kept rather than looked up again.
        let last: std::cell::RefCell<Option<(PathBuf, Option<std::sync::Arc<SourceText>>)>> =
            Default::default();
        let line = |o: &TectonObject| {
            let mut last = last.borrow_mut();
            let source = match &*last {
                Some((file, source)) if file.as_os_str() == o.span.file.as_os_str() => source,
                _ => {
                    &last
                        .insert((o.span.file.to_path_buf(), sources.get(&o.span.file)))
                        .1
                }
            };
            source
                .as_ref()
                .map_or(1, |source| source.line(o.span.start()))
        };
        ListedObject::list(&objects, &line, &mut Default::default())
    };
    if lean && crate::alone() {
        rayon::in_place_scope(|scope| {
            scope.spawn(|_| listed = Some(list()));
            rules::run(&context, out);
        });
    } else {
        rules::run(&context, out);
        if lean {
            listed = Some(list());
        }
    }

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
    let mut objects = objects;
    if lean {
        objects = Vec::new();
        let shown: rustc_hash::FxHashSet<&Path> = found.iter().flat_map(files_of).collect();
        sources.let_go(
            files
                .files
                .iter()
                .map(PathBuf::as_path)
                .filter(|f| !shown.contains(f)),
        );
    }
    out_all.extend(found);
    Some(RootReport {
        path: root.to_path_buf(),
        sdk,
        config_path,
        config_exists,
        files: files.files.len(),
        objects,
        listed,
        anchor,
        setup,
        pin,
    })
}

/// Lists a root's Python files, as Tecton imports them, and starts their parse on rayon's threads.
/// Also returns the hidden directory the root is under, which makes Tecton import none of them
/// (they are then not parsed), and the first file before that.
fn list_files(
    root: &Path,
    sources: &Sources,
    out: &mut Vec<Diagnostic>,
) -> (
    discover::FileSet,
    Option<String>,
    Option<PathBuf>,
    python::Parsing,
) {
    let mut files = discover::collect_files(root);
    out.extend(std::mem::take(&mut files.diagnostics));
    // Under a hidden directory Tecton imports no file (TP004 below says so).
    let hidden = hidden_ancestor(root).filter(|_| ignores_hidden_paths());
    let first_file = files.files.first().cloned();
    if hidden.is_some() {
        files.files.clear();
    }
    let parsing = python::start(root, &files.files, sources);
    (files, hidden, first_file, parsing)
}

/// What a root's check works out before its Python is interpreted: the SDK, and the repo config
/// read as that SDK reads it (see [`set_up`]).
struct SetUp {
    /// Its diagnostics are the check's to report.
    detection: sdk::Detection,
    config_path: PathBuf,
    /// The repo config `tecton init` would write, for a root without `.tecton` or `repo.yaml`;
    /// `None` when no SDK version says what it would write (the root is not checked).
    starter: Option<Option<sdk::Starter>>,
    /// The repo config, and whether the file exists (or would, written by `tecton init`).
    config: (Option<RepoConfig>, bool),
    config_diagnostics: Vec<Diagnostic>,
    api: Option<python::Api>,
    environment: Option<python::Environment>,
}

/// Works out a root's SDK and repo config. Reads no Python file, so that it may run while the
/// files are listed.
fn set_up(
    found_root: &discover::Root,
    pin_stop: &sdk::Stop,
    options: &CheckOptions,
    settings: &settings::Settings,
    sources: &Sources,
) -> SetUp {
    let root = found_root.path.as_path();
    let from_settings = match (&options.sdk_version, &settings.sdk_version, &settings.path) {
        (None, Some(version), Some(path)) => {
            sdk::parse_version_arg(version).ok().map(|version| Sdk {
                version,
                source: sdk::SdkSource::ToolConfig(path.clone()),
                place: settings.sdk_version_span.clone(),
            })
        }
        _ => None,
    };
    let env = DetectEnv {
        virtual_env: options.virtual_env.clone(),
        stop: pin_stop.clone(),
    };
    let detection = match from_settings {
        Some(sdk) => sdk::Detection {
            diagnostics: sdk::contradicting_pin(root, &sdk, &env)
                .into_iter()
                .collect(),
            sdk: Some(sdk),
            searched: Vec::new(),
            pin: None,
            unpinned: Vec::new(),
        },
        None => sdk::detect(root, options.sdk_version.as_deref(), &env),
    };
    let sdk = detection.sdk.as_ref();
    let config_path = analyze::repo_config_path(root, options.config.as_deref());
    let starter = match found_root.marker {
        discover::Marker::Inferred if !config_path.exists() => {
            sdk.map(|sdk| sdk::starter_repo_config(&sdk.version))
        }
        _ => Some(None),
    };
    let mut config_diagnostics = Vec::new();
    let config = match &starter {
        // The root is not checked: its repo config is not read either.
        None => (None, false),
        Some(Some(starter)) => {
            let source = sources.insert(&config_path, starter.text.clone());
            let (config, diagnostics) =
                config::load(&config_path, &source.text, sdk.map(|s| &s.version));
            config_diagnostics = diagnostics;
            (config, true)
        }
        Some(None) => read_config(&config_path, sdk, sources, &mut config_diagnostics),
    };
    let api = sdk.and_then(|s| {
        sdk::api::for_version(&s.version).map(|api| python::Api {
            api,
            minor: s.version.minor,
        })
    });
    let environment = options
        .virtual_env
        .as_deref()
        .and_then(python::Environment::read);
    SetUp {
        detection,
        config_path,
        starter,
        config,
        config_diagnostics,
        api,
        environment,
    }
}

/// A cluster config default of the repo config that the SDK refuses (TP107) fails `tecton plan`
/// only when the SDK builds an object with it: an object of that section that states no config
/// of its own (and, for `stream_compute`, reads no push source). When no object of the root is
/// built with it the plan passes, so the finding is a warning that says why it is not yet an
/// error. An object whose use cannot be told statically counts as built with it.
fn unused_cluster_defaults(
    found: &mut [Diagnostic],
    config: Option<&RepoConfig>,
    objects: &[TectonObject],
) {
    let Some(config) = config else {
        return;
    };
    for d in found.iter_mut() {
        if d.code != "TP107" {
            continue;
        }
        // One value may be the default of two sections (a YAML alias): the first is the one the
        // message names.
        let mut refused = config
            .refused_defaults
            .iter()
            .filter(|r| d.span.as_ref() == Some(&r.span))
            .peekable();
        let Some(first) = refused.peek().copied() else {
            continue;
        };
        let mut uses: Vec<DefaultUse> = Vec::new();
        let mut used = false;
        let mut built: Option<&TectonObject> = None;
        for r in refused {
            for object in objects
                .iter()
                .filter(|o| analyze::section_of(o.kind) == Some(r.section))
            {
                let using = match r.key {
                    ComputeKey::BatchCompute => object.batch_compute_default,
                    ComputeKey::StreamCompute => object.stream_compute_default,
                };
                match using {
                    Some(DefaultUse::Applied) => {
                        used = true;
                        built = built.or(Some(object));
                    }
                    Some(DefaultUse::Unknown) => used = true,
                    Some(u) if r == first => uses.push(u),
                    _ => {}
                }
            }
        }
        if used {
            // The view `tecton plan` stops at, for the reader to see why this is an error.
            if let Some(object) = built {
                let name = object
                    .name
                    .as_deref()
                    .map_or(String::new(), |n| format!(" `{n}`"));
                d.labels.push(Label {
                    span: object.span.clone(),
                    message: format!("{}{name} is built with this default", object.kind.display()),
                });
            }
            continue;
        }
        let Some(kind) = kind_of_section(first.section) else {
            continue;
        };
        let keyword = first.key.key();
        let own = uses.contains(&DefaultUse::Own);
        let push = uses.contains(&DefaultUse::PushSource);
        let why = match (own, push) {
            (false, false) => " yet".to_string(),
            (true, false) => format!(": each states its own `{keyword}`"),
            (false, true) => ": each reads a push source, which has no stream job".to_string(),
            (true, true) => format!(
                ": each states its own `{keyword}` or reads a push source, which has no stream job"
            ),
        };
        d.level = Some(Severity::Warning);
        d.message.push_str(&format!(
            ", and no {} of this root uses it{why}",
            kind.display()
        ));
    }
}

/// The kind whose `defaults:` section `section` is.
fn kind_of_section(section: config::Section) -> Option<Kind> {
    match section {
        config::Section::BatchFeatureView => Some(Kind::BatchFeatureView),
        config::Section::StreamFeatureView => Some(Kind::StreamFeatureView),
        config::Section::FeatureTable => Some(Kind::FeatureTable),
        _ => None,
    }
}

/// A directory whose Python imports `tecton`, with no `.tecton`, no `repo.yaml` and no SDK
/// version: what `tecton init` would write there depends on the SDK, so it is not checked.
fn no_sdk_for_init(root: &Path, files: &[PathBuf]) -> Diagnostic {
    Diagnostic::new(
        "TP004",
        format!(
            "no feature repository root: {} has Python files that import tecton, but no `.tecton`, no `repo.yaml` and no `tecton` pin, so what `tecton init` would set up there is not known",
            root.display()
        ),
    )
    .at_opt(files.first().map(Span::whole_file))
    .with_help("pin the SDK in requirements.txt (`tecton[pyspark]~=1.2.0`) or pass --sdk-version, or run `tecton init` there and commit `.tecton` and `repo.yaml`")
}

/// The finding that says a root has no `.tecton`, how it was checked instead, and what that means
/// for the team; and the sentence the plan's notes repeat.
///
/// Tecton itself finds no root there ("Feature repository root not found. Run `tecton init`"),
/// so whether this is a problem depends on whether someone runs `tecton init` first:
/// - `.tecton` git-ignored: on purpose, CI runs `tecton init` (Tecton's sample repository). A
///   note; with no committed `repo.yaml`, it warns that the runtime follows the installed SDK.
/// - in git and not ignored: a fresh clone cannot be planned. An error.
/// - outside git: it cannot be told. A warning.
fn init_note(
    root: &Path,
    marker: discover::Marker,
    starter: Option<&sdk::Starter>,
    sdk: Option<&Sdk>,
    pin: &Option<Span>,
    anchor: &Path,
    config_given: bool,
) -> (Diagnostic, String) {
    let ignored = crate::git::ignores(root, ".tecton");
    let checked_as = match (marker, starter) {
        (discover::Marker::RepoYamlOnly, _) | (_, None) if config_given => {
            "checked as `tecton init` run there would leave it (it adds `.tecton` and keeps the repo config)"
                .to_string()
        }
        (_, Some(starter)) => {
            let environment = match (&starter.environment, &starter.environment_from) {
                (Some(env), None) => format!(", environment {env}"),
                (Some(env), Some(from)) => format!(
                    ", environment {env} as SDK {from} writes it (the template of {} is not recorded)",
                    starter.sdk
                ),
                (None, _) => String::new(),
            };
            format!(
                "checked as `tecton init` run there would set it up: with the starter repo.yaml of SDK {} (tecton_materialization_runtime {}{environment})",
                starter.sdk, starter.runtime
            )
        }
        (_, None) => format!(
            "checked as `tecton init` run there would set it up: SDK {} writes no repo.yaml",
            sdk.map_or("?".to_string(), |s| s.version.display.clone())
        ),
    };
    let missing = match marker {
        discover::Marker::RepoYamlOnly => "no `.tecton`",
        _ => "no `.tecton` and no `repo.yaml`",
    };
    let name = root.file_name().map_or_else(
        || root.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let (severity, why, help) = match ignored {
        Some(true) => (
            Severity::Info,
            "git-ignored: `tecton init` must run there before `tecton plan`, as Tecton's sample repository does in CI".to_string(),
            if starter.is_some() {
                format!(
                    "the runtime of every materialized view then follows the SDK that CI installs: when the pin lets a new SDK release in, the next `tecton apply` changes every runtime default and restarts every Spark stream view (blue-green), with no commit changing; commit the repo.yaml `tecton init` writes in {name} (Tecton recommends tracking it in git) to decide runtime changes in review"
                )
            } else {
                "keep running `tecton init` before `tecton plan` wherever it runs: a fresh clone has no `.tecton`".to_string()
            },
        ),
        Some(false) => (
            Severity::Error,
            "and git does not ignore it: in a fresh clone `tecton plan` stops there with \"Feature repository root not found\"".to_string(),
            format!("run `tecton init` in {name} and commit `.tecton` (an empty file) and repo.yaml; or, if CI runs `tecton init` first, git-ignore them"),
        ),
        None => (
            Severity::Warning,
            "outside git, so whether `tecton init` runs there first cannot be told: without it `tecton plan` stops with \"Feature repository root not found\"".to_string(),
            format!("run `tecton init` in {name} (and keep `.tecton` and repo.yaml with the repository)"),
        ),
    };
    let span = match marker {
        discover::Marker::RepoYamlOnly => Some(Span::whole_file(anchor)),
        _ => pin.clone().or_else(|| Some(Span::whole_file(anchor))),
    };
    let mut note = Diagnostic::new(
        "TP004",
        format!("{name} has {missing} ({why}); {checked_as}"),
    )
    .at_opt(span)
    .with_help(help);
    note.level = Some(severity);
    let setup = format!("{name} has {missing}: {checked_as}");
    (note, setup)
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

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCES: &str = "from tecton import Entity, HiveConfig, KafkaConfig, PushConfig, StreamSource\n\
        from tecton.types import Field, String, Timestamp\n\n\
        user = Entity(name=\"user\", join_keys=[Field(\"user_id\", String)])\n\
        pushed = StreamSource(name=\"pushed\", stream_config=PushConfig(), schema=[Field(\"user_id\", String), Field(\"ts\", Timestamp)])\n\
        kafka = StreamSource(name=\"kafka\", stream_config=KafkaConfig(kafka_bootstrap_servers=\"k:9092\", topics=\"t\", timestamp_field=\"ts\"), batch_config=HiveConfig(database=\"d\", table=\"t\", timestamp_field=\"ts\"))\n";

    /// A stream feature view on `source` with `extra` arguments.
    fn stream_view(name: &str, source: &str, extra: &str) -> String {
        format!(
            "\n\n@stream_feature_view(source={source}, entities=[user], mode=\"spark_sql\", timestamp_field=\"ts\", features=[]{extra})\n\
             def {name}(s):\n    return s\n"
        )
    }

    /// The TP107 findings of a root with `repo_yaml` and `views` (after the sources above), with
    /// their severity, under SDK 1.2.13, and any TP001 (the file must import).
    fn tp107(repo_yaml: &str, views: &str) -> Vec<(Severity, String)> {
        // Not `.tmp…`: Tecton ignores a root below a hidden directory.
        let root = tempfile::Builder::new()
            .prefix("tp107-defaults-")
            .tempdir()
            .expect("temporary root");
        std::fs::write(root.path().join(".tecton"), "").expect("marker");
        std::fs::write(root.path().join("repo.yaml"), repo_yaml).expect("repo config");
        let python = format!(
            "{SOURCES}from tecton import EMRClusterConfig, FeatureTable, stream_feature_view\nfrom tecton.framework.data_source import FilteredSource\n{views}"
        );
        std::fs::write(root.path().join("views.py"), python).expect("views");
        let options = CheckOptions {
            paths: vec![root.path().to_path_buf()],
            sdk_version: Some("1.2.13".to_string()),
            config: None,
            default_compute: None,
            select: Some(vec!["TP107".to_string(), "TP001".to_string()]),
            ignore: None,
            home: Some(root.path().to_path_buf()),
            virtual_env: None,
            top: Some(root.path().to_path_buf()),
        };
        run(&options)
            .diagnostics
            .iter()
            .map(|d| (d.severity(), d.message.clone()))
            .collect()
    }

    const BAD_STREAM: &str = "defaults:\n  stream_feature_view:\n    stream_compute:\n      kind: EMRClusterConfig\n      emr_version: emr-6.9.0\n";

    fn level(found: &[(Severity, String)]) -> Severity {
        assert_eq!(found.len(), 1, "{found:?}");
        found[0].0
    }

    #[test]
    fn a_stream_default_is_an_error_only_for_a_view_built_with_it() {
        // Built with it: no `stream_compute`, or `None`, on a Kafka source.
        for extra in ["", ", stream_compute=None"] {
            let found = tp107(BAD_STREAM, &stream_view("v", "kafka", extra));
            assert_eq!(level(&found), Severity::Error, "{extra}");
        }
        // A push source, also through `FilteredSource`, or a config of its own: never built.
        for (source, extra, why) in [
            ("pushed", "", "each reads a push source"),
            ("FilteredSource(pushed)", "", "each reads a push source"),
            ("pushed.unfiltered()", "", "each reads a push source"),
            (
                "pushed.select_range(start_time=None)",
                "",
                "each reads a push source",
            ),
            (
                "kafka",
                ", stream_compute=EMRClusterConfig(emr_version=\"emr-7.0.0\")",
                "each states its own `stream_compute`",
            ),
        ] {
            let found = tp107(BAD_STREAM, &stream_view("v", source, extra));
            assert_eq!(level(&found), Severity::Warning, "{source}{extra}");
            assert!(found[0].1.contains(why), "{found:?}");
        }
        let found = tp107(BAD_STREAM, &stream_view("v", "kafka.unfiltered()", ""));
        assert_eq!(level(&found), Severity::Error);
        // What cannot be told counts as built with it.
        let hidden = format!(
            "options = dict(**unknown_options)\n{}",
            stream_view("v", "kafka", ", **options")
        );
        assert_eq!(level(&tp107(BAD_STREAM, &hidden)), Severity::Error);
    }

    #[test]
    fn a_batch_default_reaches_stream_views_of_push_sources_and_tables_without_their_own() {
        let bad_batch = |section: &str| {
            format!("defaults:\n  {section}:\n    batch_compute:\n      kind: EMRClusterConfig\n      emr_version: emr-6.9.0\n")
        };
        // The SDK gives every stream view its `batch_compute`, push source or not.
        let found = tp107(
            &bad_batch("stream_feature_view"),
            &stream_view("v", "pushed", ""),
        );
        assert_eq!(level(&found), Severity::Error);
        let table = |extra: &str| {
            format!("\n\nt = FeatureTable(name=\"t\", entities=[user], features=[], timestamp_field=\"ts\"{extra})\n")
        };
        assert_eq!(
            level(&tp107(&bad_batch("feature_table"), &table(""))),
            Severity::Error
        );
        let own = table(", batch_compute=EMRClusterConfig(emr_version=\"emr-7.0.0\")");
        let found = tp107(&bad_batch("feature_table"), &own);
        assert_eq!(level(&found), Severity::Warning);
        assert!(
            found[0].1.contains("each states its own `batch_compute`"),
            "{found:?}"
        );
    }

    /// One value that YAML makes the default of two sections is an error when either section's
    /// objects are built with it, whichever path the message names.
    #[test]
    fn an_aliased_default_is_judged_for_each_section() {
        let yaml = "defaults:\n  feature_table:\n    batch_compute: &emr\n      kind: EMRClusterConfig\n      emr_version: emr-6.9.0\n  stream_feature_view:\n    stream_compute: *emr\n";
        let found = tp107(yaml, &stream_view("v", "kafka", ""));
        assert_eq!(level(&found), Severity::Error, "{found:?}");
        let found = tp107(yaml, &stream_view("v", "pushed", ""));
        assert_eq!(level(&found), Severity::Warning, "{found:?}");
    }
}
