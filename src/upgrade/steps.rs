//! Working out the steps of one root: detect the SDK, copy the root, and for each hop run `check`
//! on the copy with the SDK of that step, ask the migration rules (TP3xx) for their changes, and
//! apply them to the copy before the next step is worked out.

use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::sim::Copy;
use super::{Change, Hop, Phase, RootUpgrade, Step, UpgradeOptions};
use crate::check::{self, CheckOptions, CheckResult};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::fix::Edit;
use crate::model::{Compute, Kind, TectonObject};
use crate::python::syntax::{self, FileSyntax};
use crate::sdk::{self, api::SdkApi, DetectEnv, Minor, SdkVersion};

/// One Python file of the root as a step meets it.
pub struct PythonFile {
    pub path: PathBuf,
    pub text: String,
    pub syntax: FileSyntax,
}

/// What a migration rule sees for one hop.
pub struct HopInput<'a> {
    pub hop: Hop,
    pub old_api: Option<&'static SdkApi>,
    pub new_api: Option<&'static SdkApi>,
    pub files: &'a [PythonFile],
    /// The repo config's path and text, when it exists.
    pub config: Option<(&'a Path, &'a str)>,
    /// Where the repo config is (or would be), and whether a file is there.
    pub config_path: &'a Path,
    pub config_exists: bool,
    pub objects: &'a [TectonObject],
    /// The SDK pin: its place and the requirement as written.
    pub pin: Option<(&'a Span, &'a str)>,
    /// The text of the file the pin is in, as the step meets it.
    pub pin_text: &'a str,
}

/// The migration rules, in the order their changes are listed.
const MIGRATIONS: &[fn(&HopInput<'_>, &mut Vec<Change>)] = &[
    crate::rules::tp301::migrate,
    crate::rules::tp302::migrate,
    crate::rules::tp303::migrate,
    crate::rules::tp304::migrate,
    crate::rules::tp305::migrate,
    crate::rules::tp306::migrate,
    crate::rules::tp307::migrate,
    crate::rules::tp308::migrate,
    crate::rules::tp309::migrate,
];

/// How many hops a path may take (0.8 to 1.3 is five); a guard against a release table without end.
const MAX_HOPS: usize = 12;

pub(super) fn plan_root(root: &Path, target: Minor, options: &UpgradeOptions) -> RootUpgrade {
    let detection = sdk::detect(
        root,
        options.sdk_version.as_deref(),
        &DetectEnv {
            virtual_env: options.virtual_env.clone(),
            stop: check::pin_stop(root, &options.path, None),
        },
    );
    let mut result = RootUpgrade {
        root: root.to_path_buf(),
        sdk: detection.sdk.clone(),
        target,
        steps: Vec::new(),
        problem: None,
        held: None,
        pin_file: detection.pin.as_ref().map(|s| s.file.to_path_buf()),
        config_file: options.config.clone(),
    };
    let Some(sdk) = detection.sdk else {
        result.problem = Some(
            "the SDK version is unknown: pin `tecton` in requirements.txt, pyproject.toml or setup.cfg (upgrade edits that pin)".into(),
        );
        return result;
    };
    let current = sdk.version.minor;
    if current > target {
        result.problem = Some(format!(
            "the repository is on SDK {current}, past the target {target}: Tecton SDKs are not forward compatible, and upgrade never downgrades"
        ));
        return result;
    }
    if current == target {
        return result;
    }
    if current < (Minor { major: 0, minor: 7 }) {
        result.problem = Some(format!(
            "upgrades from SDK {current} are not automated: the data and the guides start at 0.7"
        ));
        return result;
    }
    let Some(pin) = detection.pin.clone() else {
        result.problem = Some(format!(
            "SDK {current} comes from {}, not from a pin file that upgrade can edit: pin `tecton~={current}.0` in requirements.txt (or pyproject.toml, setup.cfg) first",
            match &sdk.source {
                sdk::SdkSource::Flag => "--sdk-version".to_string(),
                sdk::SdkSource::ToolConfig(p) | sdk::SdkSource::Installed(p) => p.display().to_string(),
                sdk::SdkSource::PinFile(p) => p.display().to_string(),
            }
        ));
        return result;
    };
    let outside: Vec<&Path> = options.config.iter().map(PathBuf::as_path).collect();
    let copy = match Copy::of(root, &outside) {
        Ok(copy) => copy,
        Err(err) => {
            result.problem = Some(format!(
                "cannot copy the repository to work out the steps: {err}"
            ));
            return result;
        }
    };
    let mut pin_text = match crate::source::read_regular(&pin.file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                result.problem = Some(format!("{} is not UTF-8", pin.file.display()));
                return result;
            }
        },
        Err(err) => {
            result.problem = Some(format!("cannot read {}: {err}", pin.file.display()));
            return result;
        }
    };
    let mut pin_span = pin;
    let mut minor = current;
    // The check of the copy as it stands, and the SDK it was made with: a step's check of the
    // tree it wrote is the next step's check of the tree it meets, when their SDKs agree.
    let mut checked: Option<(Minor, CheckResult)> = None;
    for _ in 0..MAX_HOPS {
        if minor >= target {
            break;
        }
        let next = sdk::releases().next_minor(minor);
        let hop = Hop {
            from: minor,
            to: next,
        };
        for phase in [Phase::OldSdk, Phase::Bump] {
            // Both steps read the tree as the old SDK sees it: step 2's rules ask what the new
            // SDK lacks.
            let before = match checked.take() {
                Some((sdk, result)) if sdk == hop.from => result,
                _ => check_copy(&copy, root, options, hop.from),
            };
            let step = step_of(&copy, root, hop, phase, &pin_span, &pin_text, &before);
            let Some(mut step) = step else {
                checked = Some((hop.from, before));
                continue;
            };
            if !step.needs_human() {
                // The next step meets the tree as this one leaves it.
                if let Err(err) = apply_to_copy(&copy, root, &step, &mut pin_span, &mut pin_text) {
                    result.problem = Some(format!("cannot work out the later steps: {err}"));
                    result.steps.push(step);
                    return result;
                }
                // A tree the step's SDK would reject is never written: what the step cannot
                // resolve by itself goes to a person.
                let after = check_copy(&copy, root, options, step.sdk);
                for finding in new_errors(&before, &after) {
                    let span = match finding.span.clone() {
                        Some(found) => place_before_step(&copy, root, &mut step, found, &after),
                        None => pin_span.clone(),
                    };
                    step.changes.push(Change::human(
                        finding.code,
                        step.phase,
                        span,
                        format!(
                            "SDK {} would reject the tree this step writes: {}",
                            step.sdk, finding.message
                        ),
                        finding.help.clone().unwrap_or_else(|| {
                            "change it by hand, then run `upgrade` again".to_string()
                        }),
                    ));
                }
                checked = Some((step.sdk, after));
            }
            let blocked = step.needs_human();
            result.steps.push(step);
            if blocked {
                return result;
            }
        }
        minor = next;
    }
    result
}

/// A place in the tree a step wrote (in the private copy), as a place in the real root's file as
/// the step meets it: offsets move back over the step's edits, and a file the step does not edit
/// is added to the texts the output reads positions from.
fn place_before_step(
    copy: &Copy,
    root: &Path,
    step: &mut Step,
    found: Span,
    after: &CheckResult,
) -> Span {
    let file = copy.map_out(root, &found.file);
    let mut edits: Vec<&Edit> = step
        .changes
        .iter()
        .flat_map(|c| &c.edits)
        .filter(|e| e.file == file)
        .collect();
    edits.sort_by_key(|e| (e.start, e.end));
    let back = |at: usize| {
        let mut moved = 0isize;
        for edit in &edits {
            let start_after = (edit.start as isize + moved) as usize;
            if at < start_after {
                break;
            }
            let end_after = start_after + edit.replacement.len();
            if at < end_after {
                return edit.start;
            }
            moved += edit.replacement.len() as isize - (edit.end - edit.start) as isize;
        }
        (at as isize - moved).max(0) as usize
    };
    let span = Span::new(&file, back(found.start()), back(found.end()));
    if edits.is_empty() && !step.originals.iter().any(|(p, _)| *p == file) {
        if let Some(source) = after.sources.get(&found.file) {
            step.originals.push((file, source.text.to_string()));
        }
    }
    span
}

/// `check` of the private copy with the SDK of `minor`.
fn check_copy(copy: &Copy, root: &Path, options: &UpgradeOptions, minor: Minor) -> CheckResult {
    check::run(&CheckOptions {
        paths: vec![copy.root().to_path_buf()],
        sdk_version: Some(minor.to_string()),
        config: options.config.as_ref().map(|c| copy.map_in(root, c)),
        default_compute: options.default_compute,
        select: None,
        ignore: None,
        home: options.home.clone(),
        virtual_env: None,
        // The copy is in no git repository, and its SDK is given: no pin is looked for.
        top: Some(copy.root().to_path_buf()),
    })
}

/// The error findings of `after` that `before` does not have, compared by rule, file and message
/// without digits (a step moves lines, and a message names the SDK it was found with).
fn new_errors<'a>(before: &CheckResult, after: &'a CheckResult) -> Vec<&'a Diagnostic> {
    let key = |d: &Diagnostic| {
        (
            d.code,
            d.span.as_ref().map(|s| s.file.clone()),
            d.message.replace(|c: char| c.is_ascii_digit(), ""),
        )
    };
    let mut known: Vec<_> = before
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
        .map(key)
        .collect();
    let mut new = Vec::new();
    for finding in after
        .diagnostics
        .iter()
        .filter(|d| d.severity() == Severity::Error)
    {
        match known.iter().position(|k| *k == key(finding)) {
            Some(i) => {
                known.swap_remove(i);
            }
            None => new.push(finding),
        }
    }
    new
}

/// One step of `hop`, with its changes mapped to the real root's paths (`None` when it has none),
/// from `checked`, the check of the tree the step meets.
fn step_of(
    copy: &Copy,
    root: &Path,
    hop: Hop,
    phase: Phase,
    pin_span: &Span,
    pin_text: &str,
    checked: &CheckResult,
) -> Option<Step> {
    let sdk_minor = match phase {
        Phase::OldSdk => hop.from,
        Phase::Bump => hop.to,
    };
    let report = checked.roots.first()?;
    let files: Vec<PythonFile> = crate::discover::collect_files(copy.root())
        .files
        .into_iter()
        .filter_map(|path| {
            // A file Python cannot read (not UTF-8, a NUL byte) is TP001: nothing in it is code.
            let text = checked
                .sources
                .get(&path)
                .filter(|source| source.readable)?
                .text
                .to_string();
            let syntax = syntax::scan(&path, &text)?;
            Some(PythonFile { path, text, syntax })
        })
        .collect();
    let config_text = crate::source::read_regular(&report.config_path)
        .ok()
        .and_then(|b| String::from_utf8(b).ok());
    let version = |m: Minor| SdkVersion {
        minor: m,
        patch: 0,
        exact: false,
        display: m.to_string(),
    };
    let requirement = pin_text.get(pin_span.start()..pin_span.end()).unwrap_or("");
    let input = HopInput {
        hop,
        old_api: sdk::api::for_version(&version(hop.from)),
        new_api: sdk::api::for_version(&version(hop.to)),
        files: &files,
        config: config_text
            .as_deref()
            .map(|t| (report.config_path.as_path(), t)),
        config_path: &report.config_path,
        config_exists: report.config_path.is_file(),
        objects: &report.objects,
        pin: Some((pin_span, requirement)),
        pin_text,
    };
    let mut changes = Vec::new();
    for migrate in MIGRATIONS {
        migrate(&input, &mut changes);
    }
    changes.retain(|c| c.phase == phase);
    if changes.is_empty() {
        return None;
    }
    let effects = runtime_effects(&report.objects, &changes);
    // Each file the changes touch, read once: where their edits land, and the step's originals.
    let mut disk: HashMap<PathBuf, Option<Vec<u8>>> = HashMap::default();
    for path in changes.iter().flat_map(touched) {
        if path != &*pin_span.file && !disk.contains_key(path) {
            disk.insert(path.to_path_buf(), crate::source::read_regular(path).ok());
        }
    }
    let changes = as_on_disk(changes, checked, &disk, &pin_span.file);
    // Texts as this step meets them, for `--diff` and for positions.
    let mut originals: Vec<(PathBuf, String)> = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::default();
    for path in changes.iter().flat_map(touched) {
        if !seen.insert(path.to_path_buf()) {
            continue;
        }
        let text = if path == &*pin_span.file {
            Some(pin_text.to_string())
        } else {
            disk.get(path)
                .and_then(|bytes| std::str::from_utf8(bytes.as_deref()?).ok())
                .map(str::to_owned)
                // A starter `repo.yaml` that `tecton init` writes: the text it would write.
                .or_else(|| checked.sources.get(path).map(|s| s.text.to_string()))
        };
        if let Some(text) = text {
            originals.push((path.to_path_buf(), text));
        }
    }
    let map = |p: &Path| copy.map_out(root, p);
    let changes = changes
        .into_iter()
        .map(|mut c| {
            c.span.file = map(&c.span.file).into();
            for e in &mut c.edits {
                e.file = map(&e.file);
            }
            c
        })
        .collect();
    Some(Step {
        hop,
        phase,
        sdk: sdk_minor,
        changes,
        restarts: effects.restarts,
        may_restart: effects.may_restart,
        updates: effects.updates,
        originals: originals.into_iter().map(|(p, t)| (map(&p), t)).collect(),
    })
}

/// The files a change touches: its place's, then its edits'.
fn touched(change: &Change) -> impl Iterator<Item = &Path> {
    std::iter::once(&*change.span.file).chain(change.edits.iter().map(|e| e.file.as_path()))
}

/// `changes` with their places and edits moved from the text the check read to the files' bytes
/// on disk (`disk`), which the step's diff and writes work on ([`crate::fix::on_disk`]: a UTF-8
/// byte order mark shifts them). A change that would edit a file that is not UTF-8 on disk
/// (declared latin-1, with bytes beyond ASCII) needs a person. The pin's edits are offsets into
/// the pin's own text already.
fn as_on_disk(
    changes: Vec<Change>,
    checked: &CheckResult,
    disk: &HashMap<PathBuf, Option<Vec<u8>>>,
    pin: &Path,
) -> Vec<Change> {
    // The file's text as checked and bytes on disk, when the two differ.
    let differ = |file: &Path| {
        if file == pin {
            return None;
        }
        let bytes = disk.get(file)?.as_deref()?;
        let source = checked.sources.get(file)?;
        (bytes != source.text.as_bytes()).then_some((source, bytes))
    };
    changes
        .into_iter()
        .map(|mut change| {
            if let Some((source, bytes)) = differ(&change.span.file) {
                let (start, end) = (change.span.start(), change.span.end());
                if let (Some((start, end)), true) = (
                    crate::fix::on_disk(&source.text, bytes, start, end, ""),
                    std::str::from_utf8(bytes).is_ok(),
                ) {
                    change.span = change.span.at(start, end);
                }
            }
            let mut refused = None;
            for edit in &mut change.edits {
                let Some((source, bytes)) = differ(&edit.file) else {
                    continue;
                };
                let moved =
                    crate::fix::on_disk(&source.text, bytes, edit.start, edit.end, &edit.replacement);
                match moved.filter(|_| std::str::from_utf8(bytes).is_ok()) {
                    Some((start, end)) => (edit.start, edit.end) = (start, end),
                    None => refused = Some(edit.file.clone()),
                }
            }
            if let Some(file) = refused {
                change.edits.clear();
                change.human = Some(format!(
                    "`{}` is not saved as UTF-8, which is all `--fix` edits: save it as UTF-8 (and remove its coding declaration), or make the change by hand",
                    file.file_name().unwrap_or(file.as_os_str()).to_string_lossy()
                ));
            }
            change
        })
        .collect()
}

/// The objects whose runtime a step changes, by what applying it does to them.
#[derive(Default)]
struct Effects {
    restarts: Vec<String>,
    may_restart: Vec<String>,
    updates: Vec<String>,
}

/// Which objects a runtime step changes: materialized Spark stream views restart blue-green, stream
/// views whose compute is not known may (as `plan` says of them); other materialized views and
/// tables update in place.
fn runtime_effects(objects: &[TectonObject], changes: &[Change]) -> Effects {
    // Where each runtime change lands: its edits, or its place when the value moves without one
    // (a starter `repo.yaml` that `tecton init` writes).
    let edited: Vec<Span> = changes
        .iter()
        .filter(|c| c.code == "TP301")
        .flat_map(|c| {
            let edits = c.edits.iter().map(|e| Span::new(&e.file, e.start, e.end));
            let place = c.edits.is_empty().then(|| c.span.clone());
            edits.chain(place)
        })
        .collect();
    let mut effects = Effects::default();
    for object in objects {
        let Some(runtime) = &object.runtime else {
            continue;
        };
        // Where the value is written: the constant's literal when the argument names one.
        let written = runtime.set_at.as_ref().unwrap_or(&runtime.span);
        let touched = edited.iter().any(|e| {
            e.file == written.file && e.start() < written.end() && written.start() < e.end()
        });
        if !touched {
            continue;
        }
        // A view that is not materialized runs no job: its runtime changes in place.
        let runs_job = object.materialized() != Some(false);
        let name = object.name.clone().unwrap_or_else(|| "<unnamed>".into());
        let list = match (object.kind, object.compute, runs_job) {
            (Kind::StreamFeatureView, Compute::Spark, true) => &mut effects.restarts,
            (Kind::StreamFeatureView, Compute::Unknown, true) => &mut effects.may_restart,
            (kind, ..) if kind.is_materializable() => &mut effects.updates,
            _ => continue,
        };
        list.push(name);
    }
    for list in [
        &mut effects.restarts,
        &mut effects.may_restart,
        &mut effects.updates,
    ] {
        list.sort();
        list.dedup();
    }
    effects
}

/// Applies a step to the private copy (and the pin text held in memory).
fn apply_to_copy(
    copy: &Copy,
    root: &Path,
    step: &Step,
    pin_span: &mut Span,
    pin_text: &mut String,
) -> std::io::Result<()> {
    let mut by_file: Vec<(PathBuf, Vec<&Edit>)> = Vec::new();
    for edit in step.changes.iter().flat_map(|c| &c.edits) {
        match by_file.iter_mut().find(|(p, _)| *p == edit.file) {
            Some((_, edits)) => edits.push(edit),
            None => by_file.push((edit.file.clone(), vec![edit])),
        }
    }
    for (file, edits) in by_file {
        if *file == *pin_span.file && !file.starts_with(root) {
            let (text, moved) = splice(pin_text, &edits, pin_span.start());
            *pin_text = text;
            *pin_span = pin_span.at(pin_span.start(), (pin_span.end() as isize + moved) as usize);
            continue;
        }
        let in_copy = copy.map_in(root, &file);
        if !copy.holds(&in_copy) {
            // Working out a step never writes the user's files.
            continue;
        }
        // A file the step creates is empty before it.
        let text = match std::fs::read_to_string(&in_copy) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
            other => other?,
        };
        let (new_text, moved) = splice(&text, &edits, pin_span.start());
        if *file == *pin_span.file {
            *pin_text = new_text.clone();
            *pin_span = pin_span.at(pin_span.start(), (pin_span.end() as isize + moved) as usize);
        }
        std::fs::write(&in_copy, new_text)?;
    }
    Ok(())
}

/// `text` with `edits` applied (they do not overlap), and how far the edits that start at `at`
/// moved the end of what they replaced.
fn splice(text: &str, edits: &[&Edit], at: usize) -> (String, isize) {
    let mut sorted: Vec<&&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    let mut moved = 0isize;
    for edit in sorted {
        if edit.start < last || edit.end > text.len() {
            continue;
        }
        out.push_str(&text[last..edit.start]);
        out.push_str(&edit.replacement);
        last = edit.end;
        if edit.start == at {
            moved += edit.replacement.len() as isize - (edit.end - edit.start) as isize;
        }
    }
    out.push_str(&text[last..]);
    (out, moved)
}
