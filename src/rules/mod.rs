//! The rules: one file each, and the table below that maps codes to them. A rule's documentation is
//! the `//!` comment at the top of its file; `tecton-preflight rule CODE` prints it, so the docs and
//! the code cannot drift apart. Rules whose findings come from an earlier stage (a file that cannot
//! be parsed, a `repo.yaml` that is not YAML) have a file with their documentation and no check.

use std::path::{Path, PathBuf};

use crate::config::RepoConfig;
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::model::{Compute, TectonObject};
use crate::sdk::Sdk;

mod tp001;
mod tp002;
mod tp003;
mod tp004;
mod tp005;
mod tp006;
mod tp007;
mod tp101;
mod tp102;
mod tp103;
mod tp104;
mod tp105;
mod tp106;
mod tp201;
mod tp202;
mod tp203;
mod tp204;
mod tp205;
mod tp206;
mod tp207;
mod tp208;
mod tp209;
mod tp210;

/// Everything a rule may look at for one root.
pub struct Context<'a> {
    pub root: &'a Path,
    pub sdk: Option<&'a Sdk>,
    /// The files looked at for the SDK version, in order.
    pub sdk_searched: &'a [PathBuf],
    pub config_path: &'a Path,
    pub config: Option<&'a RepoConfig>,
    pub config_exists: bool,
    pub objects: &'a [TectonObject],
    /// Today's date, ISO (`2026-11-24`).
    pub today: &'a str,
}

impl Context<'_> {
    /// Where findings about the root as a whole point: its `.tecton` marker.
    pub fn marker(&self) -> Span {
        Span::whole_file(self.root.join(".tecton"))
    }
}

pub type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    source: &'static str,
    check: Option<Check>,
}

macro_rules! rule {
    ($module:ident, $code:literal, $severity:ident, $summary:literal) => {
        Rule {
            code: $code,
            severity: Severity::$severity,
            summary: $summary,
            source: include_str!(concat!(stringify!($module), ".rs")),
            check: $module::CHECK,
        }
    };
}

/// The rule table (SPEC §6). Codes are stable: users' suppressions and CI depend on them.
pub static RULES: &[Rule] = &[
    rule!(
        tp001,
        "TP001",
        Error,
        "a Python file that cannot be read or parsed"
    ),
    rule!(
        tp002,
        "TP002",
        Warning,
        "a parameter that matters cannot be resolved statically"
    ),
    rule!(
        tp003,
        "TP003",
        Error,
        "two objects share a name that Tecton requires to be unique"
    ),
    rule!(
        tp004,
        "TP004",
        Error,
        "no feature repository root found, or `.tecton` unreadable"
    ),
    rule!(
        tp005,
        "TP005",
        Error,
        "the tecton-preflight configuration is invalid"
    ),
    rule!(
        tp006,
        "TP006",
        Warning,
        "a suppression comment that silences nothing or names no rule"
    ),
    rule!(
        tp007,
        "TP007",
        Warning,
        "an import of a module that is neither in the repository nor installed"
    ),
    rule!(tp101, "TP101", Error, "SDK 0.8+ and no repo config"),
    rule!(tp102, "TP102", Error, "the repo config is not valid YAML"),
    rule!(tp103, "TP103", Error, "unknown key in the repo config"),
    rule!(
        tp104,
        "TP104",
        Error,
        "wrong type in the repo config, including a runtime written as a number"
    ),
    rule!(
        tp105,
        "TP105",
        Error,
        "config object without `kind:` or with an unknown kind"
    ),
    rule!(
        tp106,
        "TP106",
        Warning,
        "duplicate key in the repo config (the last one wins)"
    ),
    rule!(
        tp201,
        "TP201",
        Error,
        "materialized Spark view or table without a materialization runtime"
    ),
    rule!(
        tp202,
        "TP202",
        Error,
        "runtime outside the +1 window of the SDK"
    ),
    rule!(
        tp203,
        "TP203",
        Error,
        "runtime that is not an exact version"
    ),
    rule!(
        tp204,
        "TP204",
        Warning,
        "runtime that is not a published `tecton` release"
    ),
    rule!(tp205, "TP205", Warning, "runtime that is a pre-release"),
    rule!(
        tp206,
        "TP206",
        Error,
        "materialized Rift view or table without an `environment`"
    ),
    rule!(
        tp207,
        "TP207",
        Error,
        "materialized view or table with unknown compute and neither runtime nor environment"
    ),
    rule!(
        tp208,
        "TP208",
        Warning,
        "SDK version unknown: window rules skipped"
    ),
    rule!(
        tp209,
        "TP209",
        Warning,
        "SDK version past its end of support"
    ),
    rule!(
        tp210,
        "TP210",
        Info,
        "runtime older than the newest patch release of its minor"
    ),
];

/// The rule of a code, in any case.
///
/// ```
/// use tecton_preflight::{diagnostic::Severity, rules};
///
/// let rule = rules::find("tp202").expect("a rule");
/// assert_eq!(rule.code, "TP202");
/// assert_eq!(rule.severity, Severity::Error);
/// assert!(rule.doc().starts_with("## TP202"));
/// assert!(rules::find("TP999").is_none());
/// ```
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The severity the rule table gives a code (warning for a code that is not in it).
pub fn severity_of(code: &str) -> Severity {
    find(code).map_or(Severity::Warning, |r| r.severity)
}

// A finding's severity is its rule's: it lives in the rule table alone, so `diagnostic` (which
// every stage uses, this one included) does not depend back on the rules.
impl Diagnostic {
    /// The severity the rule table gives this finding's code; `Error` findings make `check` exit 1.
    pub fn severity(&self) -> Severity {
        severity_of(self.code)
    }
}

impl Rule {
    /// The rule's documentation: the `//!` comment that opens its file.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(text) = line.strip_prefix("//!") else {
                break;
            };
            out.push_str(text.strip_prefix(' ').unwrap_or(text));
            out.push('\n');
        }
        out
    }
}

/// Runs every rule that checks the model of a root.
pub fn run(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for rule in RULES {
        if let Some(check) = rule.check {
            check(context, out);
        }
    }
}

// -------------------------------------------------------------------------------------------------
// helpers shared by the runtime rules

/// One written runtime value and the materialized objects that use it.
pub(crate) struct RuntimeUse<'a> {
    pub value: &'a str,
    pub span: &'a Span,
    pub from_config: bool,
    pub objects: Vec<&'a TectonObject>,
}

/// Every runtime value that a materialized view or table on Spark (or on a compute not known to be
/// something else) uses, grouped by the place it is written, in file order. Values that the repo
/// config itself rejects (TP104) are left to that finding.
pub(crate) fn runtime_uses<'a>(context: &Context<'a>) -> Vec<RuntimeUse<'a>> {
    let mut uses: Vec<RuntimeUse<'a>> = Vec::new();
    for object in context.objects {
        if object.materialized() != Some(true)
            || !matches!(object.compute, Compute::Spark | Compute::Unknown)
        {
            continue;
        }
        let Some(runtime) = &object.runtime else {
            continue;
        };
        if !runtime.valid {
            continue;
        }
        match uses.iter_mut().find(|u| *u.span == runtime.span) {
            Some(existing) => existing.objects.push(object),
            None => uses.push(RuntimeUse {
                value: &runtime.value,
                span: &runtime.span,
                from_config: runtime.origin == crate::model::Origin::RepoConfig,
                objects: vec![object],
            }),
        }
    }
    uses.sort_by(|a, b| (&a.span.file, a.span.start).cmp(&(&b.span.file, b.span.start)));
    uses
}

/// `stream view `a``, or `12 objects (a, b, c, …)`.
pub(crate) fn describe_users(objects: &[&TectonObject]) -> String {
    let names: Vec<String> = objects
        .iter()
        .map(|o| format!("`{}`", o.name.as_deref().unwrap_or("<unnamed>")))
        .collect();
    match names.len() {
        1 => format!("{} {}", objects[0].kind.display(), names[0]),
        n if n <= 4 => format!("{n} objects ({})", names.join(", ")),
        n => format!("{n} objects ({}, …)", names[..3].join(", ")),
    }
}

/// Places a diagnostic about a runtime use at the value, labelled with the objects that use it.
pub(crate) fn at_use(mut diagnostic: Diagnostic, runtime: &RuntimeUse<'_>) -> Diagnostic {
    diagnostic = diagnostic.at(runtime.span.clone());
    for object in &runtime.objects {
        diagnostic = diagnostic.with_anchor(object.span.clone());
    }
    if runtime.from_config {
        diagnostic = diagnostic.with_span_label(format!(
            "set here in repo.yaml, inherited by {}",
            describe_users(&runtime.objects)
        ));
    } else {
        diagnostic =
            diagnostic.with_span_label(format!("used by {}", describe_users(&runtime.objects)));
    }
    diagnostic
}

/// The runtime Tecton recommends for an SDK: the newest final release of its minor.
pub(crate) fn recommended_runtime(sdk: &Sdk) -> String {
    crate::sdk::releases()
        .newest_final(sdk.version.minor)
        .unwrap_or_else(|| format!("{}.0", sdk.version.minor))
}

/// The repo config key that sets a default for an object's kind.
pub(crate) fn config_key(kind: crate::model::Kind) -> &'static str {
    match kind {
        crate::model::Kind::StreamFeatureView => "stream_feature_view",
        crate::model::Kind::FeatureTable => "feature_table",
        _ => "batch_feature_view",
    }
}

/// A short `name` for messages.
pub(crate) fn label(object: &TectonObject) -> String {
    format!(
        "{} `{}`",
        object.kind.display(),
        object.name.as_deref().unwrap_or("<unnamed>")
    )
}
