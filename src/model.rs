//! The Tecton objects of a repository as the analyzer understands them: kind, name, place, and the
//! resolved parameters the rules and the plan need, each with where its value came from.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::Span;

/// What kind of Tecton object a definition constructs (SPEC §8 names).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    BatchFeatureView,
    StreamFeatureView,
    FeatureTable,
    RealtimeFeatureView,
    OnDemandFeatureView,
    FeatureService,
    Entity,
    BatchSource,
    StreamSource,
    PushSource,
    Transformation,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::BatchFeatureView => "batch_feature_view",
            Kind::StreamFeatureView => "stream_feature_view",
            Kind::FeatureTable => "feature_table",
            Kind::RealtimeFeatureView => "realtime_feature_view",
            Kind::OnDemandFeatureView => "on_demand_feature_view",
            Kind::FeatureService => "feature_service",
            Kind::Entity => "entity",
            Kind::BatchSource => "batch_source",
            Kind::StreamSource => "stream_source",
            Kind::PushSource => "push_source",
            Kind::Transformation => "transformation",
        }
    }

    /// The name `tecton plan` prints for the kind (`+ Create Stream Feature View`).
    pub fn display(self) -> &'static str {
        match self {
            Kind::BatchFeatureView => "Batch Feature View",
            Kind::StreamFeatureView => "Stream Feature View",
            Kind::FeatureTable => "Feature Table",
            Kind::RealtimeFeatureView => "Realtime Feature View",
            Kind::OnDemandFeatureView => "On-Demand Feature View",
            Kind::FeatureService => "Feature Service",
            Kind::Entity => "Entity",
            Kind::BatchSource => "Batch Data Source",
            Kind::StreamSource => "Stream Data Source",
            Kind::PushSource => "Push Source",
            Kind::Transformation => "Transformation",
        }
    }

    /// Kinds that take `tecton_materialization_runtime` and have `repo.yaml` defaults for it.
    pub fn is_materializable(self) -> bool {
        matches!(
            self,
            Kind::BatchFeatureView | Kind::StreamFeatureView | Kind::FeatureTable
        )
    }

    /// The namespace in which Tecton requires names to be unique. Feature views of every flavour and
    /// feature tables share one; data sources share one.
    pub fn namespace(self) -> &'static str {
        match self {
            Kind::BatchFeatureView
            | Kind::StreamFeatureView
            | Kind::FeatureTable
            | Kind::RealtimeFeatureView
            | Kind::OnDemandFeatureView => "feature view",
            Kind::BatchSource | Kind::StreamSource | Kind::PushSource => "data source",
            Kind::FeatureService => "feature service",
            Kind::Entity => "entity",
            Kind::Transformation => "transformation",
        }
    }
}

/// Where an object's materialization jobs run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Compute {
    Spark,
    Rift,
    Snowflake,
    Bigquery,
    Unknown,
}

impl Compute {
    pub fn as_str(self) -> &'static str {
        match self {
            Compute::Spark => "spark",
            Compute::Rift => "rift",
            Compute::Snowflake => "snowflake",
            Compute::Bigquery => "bigquery",
            Compute::Unknown => "unknown",
        }
    }
}

/// Where a resolved setting came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Explicit,
    RepoConfig,
}

/// A string setting with its origin and the place where the object takes it (the Python argument
/// or the `repo.yaml` value). `valid` is false when the source itself is rejected by Tecton (a
/// runtime written as a YAML number), so that rules report the source once rather than every
/// inheritor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Setting {
    pub value: String,
    pub origin: Origin,
    /// Where the object takes the value: findings about it point here, in the object's own call,
    /// which is what a reviewer sees in the diff that adds or changes the object.
    pub span: Span,
    /// Where the value is written when that is elsewhere (the string literal of a constant that
    /// the argument names, possibly in another module): findings label it as a secondary place.
    pub set_at: Option<Span>,
    pub valid: bool,
}

/// A string argument of a cluster config given as `batch_compute=` or `stream_compute=`
/// (`DatabricksClusterConfig(dbr_version="10.4.x-scala2.12")`), which the SDK checks only when it
/// builds the view (TP107).
#[derive(Clone, Debug)]
pub struct ClusterArg {
    /// The config class, without its module (`DatabricksClusterConfig`).
    pub config: String,
    pub param: String,
    pub value: String,
    /// The string literal.
    pub span: Span,
}

/// Whether the SDK builds an object with a `repo.yaml` cluster default (`batch_compute`,
/// `stream_compute` of its section): only when the object states no config of its own (or
/// `None`), and a stream feature view reading a push source gets no `stream_compute` at all
/// (`if stream_compute is None and not has_push_source`, SDK 0.8 to 1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DefaultUse {
    /// The SDK builds the object with the default.
    Applied,
    /// The object states its own config.
    Own,
    /// A stream feature view of a push source (`PushSource`, `StreamSource` with `PushConfig`).
    PushSource,
    /// Cannot be told statically: an unresolved argument or source, or a `**` expansion.
    Unknown,
}

/// One Tecton object the repository constructs.
#[derive(Clone, Debug)]
pub struct TectonObject {
    pub kind: Kind,
    /// `None` when the name cannot be known statically (TP002 says why).
    pub name: Option<String>,
    /// The file, absolute.
    pub file: crate::diagnostic::FilePath,
    /// The decorator or the constructor call.
    pub span: Span,
    /// For an object a function of another file constructs (a factory): the call, in the file
    /// being imported, that it came from. Findings about the object label it, so that a
    /// pre-commit run on that file reports them.
    pub called_at: Option<Span>,
    pub online: Option<bool>,
    pub offline: Option<bool>,
    pub mode: Option<String>,
    pub compute: Compute,
    pub runtime: Option<Setting>,
    pub environment: Option<Setting>,
    /// Whether the runtime argument was given but could not be resolved statically (then no rule
    /// should claim it is missing).
    pub runtime_unresolved: bool,
    pub environment_unresolved: bool,
    /// The Transformation a feature view decorator (or `feature_view_function`) creates.
    pub implicit: bool,
    /// Other parameters, as resolved text (`repr`-like), for the plan; sorted by name.
    pub params: Vec<(String, String)>,
    /// The repository's objects its arguments refer to (sources, entities, transformations), for
    /// the plan and the upgrade (empty in a check for the reports alone).
    pub refs: Vec<(Kind, String)>,
    /// The string arguments of its `batch_compute`/`stream_compute` cluster configs.
    pub cluster_args: Vec<ClusterArg>,
    /// Whether the SDK builds it with its section's `batch_compute` default; `None` for kinds
    /// without one.
    pub batch_compute_default: Option<DefaultUse>,
    /// The same for `stream_compute` (stream feature views only).
    pub stream_compute_default: Option<DefaultUse>,
}

impl TectonObject {
    /// `Some(true)` when online or offline is on; `None` when either is unknown and the other off.
    pub fn materialized(&self) -> Option<bool> {
        materialized(self.online, self.offline)
    }
}

/// Whether an object with these `online` and `offline` flags materializes: yes if either is
/// true, no if both are false, unknown otherwise.
fn materialized(online: Option<bool>, offline: Option<bool>) -> Option<bool> {
    match (online, offline) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

/// What the reports show of an object (the JSON report lists every one), kept instead of the
/// whole [`TectonObject`] by a check whose result only goes to the reports: a monorepo has tens of
/// thousands of objects. Texts that many objects share (the file, a runtime) are shared.
#[derive(Clone, Debug)]
pub struct ListedObject {
    pub kind: Kind,
    pub name: Option<Box<str>>,
    pub file: crate::diagnostic::FilePath,
    /// The 1-based line of the decorator or constructor call.
    pub line: usize,
    pub online: Option<bool>,
    pub offline: Option<bool>,
    pub compute: Compute,
    pub runtime: Option<(Arc<str>, Origin)>,
    pub environment: Option<(Arc<str>, Origin)>,
}

impl ListedObject {
    /// The objects as the reports list them, in their order (by file, place, kind). `line` gives
    /// an object's line; `shared` holds the one copy of each path and text.
    pub fn list(
        objects: &[TectonObject],
        line: &dyn Fn(&TectonObject) -> usize,
        shared: &mut Shared,
    ) -> Vec<ListedObject> {
        let mut ordered: Vec<&TectonObject> = objects.iter().collect();
        ordered.sort_by(|a, b| {
            path_order(&a.file, &b.file)
                .then_with(|| (a.span.start(), a.kind).cmp(&(b.span.start(), b.kind)))
        });
        ordered
            .into_iter()
            .map(|o| ListedObject {
                kind: o.kind,
                name: o.name.as_deref().map(Box::from),
                file: shared.path(&o.file),
                line: line(o),
                online: o.online,
                offline: o.offline,
                compute: o.compute,
                runtime: o
                    .runtime
                    .as_ref()
                    .map(|s| (shared.text(&s.value), s.origin)),
                environment: o
                    .environment
                    .as_ref()
                    .map(|s| (shared.text(&s.value), s.origin)),
            })
            .collect()
    }

    /// `Some(true)` when online or offline is on; `None` when either is unknown and the other off
    /// (as [`TectonObject::materialized`]).
    pub fn materialized(&self) -> Option<bool> {
        materialized(self.online, self.offline)
    }
}

/// The order of two paths (`Path`'s, by components), answered from their bytes: comparing
/// components walks both paths (about 470 instructions for two files of a repository), and the
/// reports sort thousands of paths. Where the bytes first differ, the component that holds the
/// difference decides, and component order is byte order with the separator below every other
/// byte, unless that component is empty, `.` or `..` in either path, or one path goes on past the
/// other with an empty or `.` component (none of which the walk makes): then the components decide.
pub(crate) fn path_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    const SEPARATOR: u8 = std::path::MAIN_SEPARATOR as u8;
    let (x, y) = (
        a.as_os_str().as_encoded_bytes(),
        b.as_os_str().as_encoded_bytes(),
    );
    if x == y {
        return Ordering::Equal;
    }
    // What both share is passed over eight bytes at a time: the root, in a repository.
    let common = x.len().min(y.len());
    let mut at = 0;
    while at + 8 <= common && x[at..at + 8] == y[at..at + 8] {
        at += 8;
    }
    let differ = (at..common).find(|&i| x[i] != y[i]).unwrap_or(common);
    let start = x[..differ]
        .iter()
        .rposition(|&byte| byte == SEPARATOR)
        .map_or(0, |i| i + 1);
    // The component from `from` on, and what follows its separator (if one follows).
    fn component(path: &[u8], from: usize) -> (&[u8], Option<&[u8]>) {
        let rest = &path[from..];
        match rest.iter().position(|&byte| byte == SEPARATOR) {
            Some(end) => (&rest[..end], Some(&rest[end + 1..])),
            None => (rest, None),
        }
    }
    let ((p, p_next), (q, q_next)) = (component(x, start), component(y, start));
    let named = |name: &[u8]| !matches!(name, b"" | b"." | b"..");
    // One path ends within the other's component: what follows the longer one's must count.
    let goes_on =
        |next: Option<&[u8]>| next.is_none_or(|rest| !matches!(component(rest, 0).0, b"" | b"."));
    if !(named(p) && named(q)) || (differ == common && !(goes_on(p_next) && goes_on(q_next))) {
        return a.cmp(b);
    }
    let rank = |byte: u8| (byte != SEPARATOR, byte);
    match (x.get(differ), y.get(differ)) {
        (Some(&p), Some(&q)) => rank(p).cmp(&rank(q)),
        _ => x.len().cmp(&y.len()),
    }
}

/// One shared copy of each path and text that many listed objects hold.
#[derive(Default)]
pub struct Shared {
    paths: rustc_hash::FxHashMap<PathBuf, crate::diagnostic::FilePath>,
    texts: rustc_hash::FxHashMap<String, Arc<str>>,
    /// The path asked for last: objects come by file, and hashing a path walks its components.
    last_path: Option<crate::diagnostic::FilePath>,
}

impl Shared {
    pub fn path(&mut self, path: &Path) -> crate::diagnostic::FilePath {
        if let Some(last) = self
            .last_path
            .as_ref()
            .filter(|last| last.as_os_str() == path.as_os_str())
        {
            return last.clone();
        }
        let shared = match self.paths.get(path) {
            Some(shared) => shared.clone(),
            None => {
                let shared = crate::diagnostic::FilePath::new(path);
                self.paths.insert(path.to_path_buf(), shared.clone());
                shared
            }
        };
        self.last_path = Some(shared.clone());
        shared
    }

    pub fn text(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.texts.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = Arc::from(text);
        self.texts.insert(text.to_string(), shared.clone());
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::path_order;
    use std::path::PathBuf;

    #[test]
    fn paths_sort_by_bytes_as_by_components() {
        let names = ["a", "a-b", "a.b", "ab", "-a", "b", "é", ".", "..", "", ".a"];
        let mut paths = Vec::new();
        for root in ["/work/scratch/feature-repo", "/r/../s", "rel", ""] {
            for first in names {
                paths.push(PathBuf::from(format!("{root}/{first}")));
                for second in names {
                    paths.push(PathBuf::from(format!("{root}/{first}/{second}")));
                    paths.push(PathBuf::from(format!("{root}/{first}{second}/x.py")));
                    paths.push(PathBuf::from(format!("{root}//{first}/./{second}/")));
                }
            }
        }
        for a in &paths {
            for b in &paths {
                assert_eq!(path_order(a, b), a.cmp(b), "{a:?} against {b:?}");
            }
        }
    }
}
