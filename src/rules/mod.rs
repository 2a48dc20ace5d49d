//! The rules: one file each, and the table below that maps codes to them. A rule's documentation is
//! the `//!` comment at the top of its file; `tecton-preflight rule CODE` prints it, so the docs and
//! the code cannot drift apart. Rules whose findings come from an earlier stage (a file that cannot
//! be parsed, a `repo.yaml` that is not YAML) have a file with their documentation and no check.

use std::path::{Path, PathBuf};

use crate::config::RepoConfig;
use crate::diagnostic::{Anchor, Diagnostic, Severity, Span};
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
mod tp107;
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
pub(crate) mod tp301;
pub(crate) mod tp302;
pub(crate) mod tp303;
pub(crate) mod tp304;
pub(crate) mod tp305;
pub(crate) mod tp306;
pub(crate) mod tp307;
pub(crate) mod tp308;
pub(crate) mod tp309;

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
    /// Where findings about the root as a whole point: its `.tecton`, or for a root without one
    /// (checked as `tecton init` would set it up) its `repo.yaml` or SDK pin.
    pub anchor: &'a Path,
    /// The text of every file read so far, for fixes that must see how a value is written.
    pub sources: &'a crate::source::Sources,
    /// [`runtime_uses`], gathered once for the five rules that read them.
    pub(crate) runtime_uses: std::cell::OnceCell<Vec<RuntimeUse<'a>>>,
}

impl Context<'_> {
    /// Where findings about the root as a whole point: its `.tecton` marker (see `anchor`).
    pub fn marker(&self) -> Span {
        Span::whole_file(self.anchor)
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
        "no feature repository root found, `.tecton` unreadable, or a root without `.tecton`"
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
        tp107,
        "TP107",
        Error,
        "repo config value Tecton rejects when it builds a view (Spark version, instance availability)"
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
    rule!(
        tp301,
        "TP301",
        Warning,
        "upgrade: runtimes and environments move into the next minor (step 1)"
    ),
    rule!(
        tp302,
        "TP302",
        Warning,
        "upgrade: the SDK pin moves one minor"
    ),
    rule!(
        tp303,
        "TP303",
        Warning,
        "upgrade: a name the next SDK renamed or removed"
    ),
    rule!(
        tp304,
        "TP304",
        Warning,
        "upgrade: a keyword argument the next SDK renamed, removed or requires"
    ),
    rule!(
        tp305,
        "TP305",
        Warning,
        "upgrade: a repo config key or kind the next SDK renamed or removed"
    ),
    rule!(
        tp306,
        "TP306",
        Warning,
        "upgrade: imports move to `tecton.v09_compat` with the bump to 1.0"
    ),
    rule!(
        tp307,
        "TP307",
        Warning,
        "upgrade: the native 1.0 rewrite, before `tecton.v09_compat` goes in 1.1"
    ),
    rule!(
        tp308,
        "TP308",
        Warning,
        "upgrade: a value the next SDK rejects when it builds the object"
    ),
    rule!(tp309, "TP309", Warning, "upgrade: SDK 0.8 needs a repo config"),
];

/// For a name an SDK no longer exports: the migration rule's help (TP303), when one replaces it.
pub(crate) fn migration_hint(module: &str, name: &str) -> Option<String> {
    tp303::hint(module, name)
}

/// For a keyword an SDK no longer accepts: the migration rule's help (TP304), when one renames it.
pub(crate) fn keyword_migration_hint(keyword: &str) -> Option<String> {
    tp304::hint(keyword)
}

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
        self.level.unwrap_or_else(|| severity_of(self.code))
    }
}

impl Rule {
    /// Whether `check --fix` can fix the rule's findings: its documentation has a `### Fix`
    /// section, so the docs and the `[*]` mark say the same.
    pub fn fixable(&self) -> bool {
        self.doc().contains("\n### Fix\n")
    }

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

/// One runtime value, the place where objects take it, and the materialized objects that do.
pub(crate) struct RuntimeUse<'a> {
    pub value: &'a str,
    /// The argument, or the `repo.yaml` value the objects inherit.
    pub span: &'a Span,
    /// Where the value is written when that is not `span` (a constant's literal).
    pub set_at: Option<&'a Span>,
    pub from_config: bool,
    pub objects: Vec<&'a TectonObject>,
    /// The value's form, worked out once for the rules that read it.
    pub form: crate::sdk::RuntimeForm,
    /// Whether the value is a published `tecton` release.
    pub published: bool,
}

/// Every runtime value that a materialized view or table on Spark (or on a compute not known to be
/// something else) uses, grouped by the place the objects take it, in file order: the argument of
/// each view (so that a finding is in the file that a commit adding the view changes, even when
/// the value is a constant of another module), or the one `repo.yaml` value that many inherit.
/// Values that the repo config itself rejects (TP104) are left to that finding.
pub(crate) fn runtime_uses<'c, 'a>(context: &'c Context<'a>) -> &'c [RuntimeUse<'a>] {
    context
        .runtime_uses
        .get_or_init(|| gather_runtime_uses(context))
}

fn gather_runtime_uses<'a>(context: &Context<'a>) -> Vec<RuntimeUse<'a>> {
    let mut uses: Vec<RuntimeUse<'a>> = Vec::new();
    // Where each group is in `uses`: a map, so that a repository of many views that pin their own
    // runtime costs time linear in the views, not in their square.
    let mut index: rustc_hash::FxHashMap<UseKey<'a>, usize> = rustc_hash::FxHashMap::default();
    // Each distinct value is classified once: most views share a handful.
    let mut classified: rustc_hash::FxHashMap<&'a str, (crate::sdk::RuntimeForm, bool)> =
        rustc_hash::FxHashMap::default();
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
        // One argument evaluated several times (a loop, a helper function) may take several
        // values: they are told apart by where each is written.
        let set_at = runtime.set_at.as_ref();
        match index.entry(UseKey(&runtime.span, set_at, runtime.value.as_str())) {
            std::collections::hash_map::Entry::Occupied(at) => uses[*at.get()].objects.push(object),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(uses.len());
                let (form, published) = classified
                    .entry(runtime.value.as_str())
                    .or_insert_with(|| {
                        (
                            crate::sdk::classify_runtime(&runtime.value),
                            crate::sdk::releases().is_published(&runtime.value),
                        )
                    })
                    .clone();
                uses.push(RuntimeUse {
                    value: &runtime.value,
                    span: &runtime.span,
                    set_at,
                    from_config: runtime.origin == crate::model::Origin::RepoConfig,
                    objects: vec![object],
                    form,
                    published,
                });
            }
        }
    }
    // Compared in place: a key that clones the paths would allocate at every comparison.
    uses.sort_by(|a, b| {
        use crate::model::path_order;
        path_order(&a.span.file, &b.span.file)
            .then_with(|| a.span.start().cmp(&b.span.start()))
            .then_with(|| match (a.set_at, b.set_at) {
                (Some(x), Some(y)) => path_order(&x.file, &y.file).then(x.start().cmp(&y.start())),
                (x, y) => x.is_some().cmp(&y.is_some()),
            })
    });
    uses
}

/// What tells runtime uses apart: the argument, where its value is written, and the value. Hashed
/// with the files' names rather than their whole paths (hashing a path walks its components), and
/// compared with the whole paths, last and by their bytes first (the objects that inherit one
/// `repo.yaml` value hold copies of its path, which compare component by component). Without the
/// names, files one template made, whose arguments sit at the same offsets, all fell in one
/// bucket: 5,000 pinned views over 50 such files spent 12% of the run comparing their paths.
struct UseKey<'a>(&'a Span, Option<&'a Span>, &'a str);

impl PartialEq for UseKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        fn same(a: &Span, b: &Span) -> bool {
            (a.start(), a.end()) == (b.start(), b.end())
                && (a.file.as_os_str() == b.file.as_os_str() || a.file == b.file)
        }
        self.2 == other.2
            && same(self.0, other.0)
            && match (self.1, other.1) {
                (Some(a), Some(b)) => same(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

impl Eq for UseKey<'_> {}

impl std::hash::Hash for UseKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Equal paths have equal names, so this agrees with `eq`.
        fn place<H: std::hash::Hasher>(span: &Span, state: &mut H) {
            (span.start(), span.end()).hash(state);
            span.file.file_name().hash(state);
        }
        place(self.0, state);
        match self.1 {
            Some(set_at) => place(set_at, state),
            None => 0usize.hash(state),
        }
        self.2.hash(state);
    }
}

/// Places a diagnostic about a runtime use at the value, labelled with the objects that use it.
pub(crate) fn at_use(mut diagnostic: Diagnostic, runtime: &RuntimeUse<'_>) -> Diagnostic {
    diagnostic = diagnostic.at(runtime.span.clone());
    for object in &runtime.objects {
        // An object a factory of another file built is also anchored at the call that built it:
        // a suppression there silences its use, and a pre-commit run on that file reports it.
        for span in std::iter::once(&object.span).chain(&object.called_at) {
            diagnostic = diagnostic.with_anchor(Anchor {
                span: span.clone(),
                kind: object.kind.display(),
                name: object
                    .name
                    .clone()
                    .unwrap_or_else(|| "<unnamed>".to_string()),
            });
        }
    }
    diagnostic = diagnostic.with_anchors_label(if runtime.from_config {
        "set here in repo.yaml, inherited by"
    } else {
        "used by"
    });
    if let Some(set_at) = runtime.set_at {
        // Also an anchor of each object: a suppression on the constant's line silences every use
        // of it.
        diagnostic = diagnostic.with_label(set_at.clone(), "value set here");
        for object in &runtime.objects {
            diagnostic = diagnostic.with_anchor(Anchor {
                span: set_at.clone(),
                kind: object.kind.display(),
                name: object
                    .name
                    .clone()
                    .unwrap_or_else(|| "<unnamed>".to_string()),
            });
        }
    }
    diagnostic
}

/// The fix that writes the runtime `new` where `runtime` is written, in the same style: inside the
/// quotes of a Python string literal or a quoted YAML scalar, or as a plain YAML scalar (a full
/// version is a string to YAML 1.1). `None` when the place is not a literal that holds exactly the
/// value (a concatenation, an f-string, an escape, a tag), where the edit would be a guess.
pub(crate) fn runtime_fix(
    context: &Context<'_>,
    runtime: &RuntimeUse<'_>,
    new: &str,
) -> Option<crate::fix::Fix> {
    // Where the value is written: the constant's literal when the argument names one.
    let span = runtime.set_at.unwrap_or(runtime.span);
    let source = context.sources.get(&span.file)?;
    let written = source.text.get(span.start()..span.end())?;
    let python = span.file.extension().is_some_and(|e| e == "py");
    let (start, end) = literal_content(written, runtime.value, python)?;
    Some(crate::fix::Fix::safe(
        format!("set the runtime to \"{new}\""),
        vec![crate::fix::Edit::new(
            &span.file,
            span.start() + start,
            span.start() + end,
            new,
        )],
    ))
}

/// Where, inside the written literal `written`, the characters of `value` are: the whole of a plain
/// YAML scalar equal to it, or the inside of a quoted literal whose content is exactly `value`.
fn literal_content(written: &str, value: &str, python: bool) -> Option<(usize, usize)> {
    if value.is_empty() || value.contains(['\\', '\'', '"', '\n', '\r']) {
        return None;
    }
    let prefix = if python {
        written
            .find(['\'', '"'])
            .filter(|&at| matches!(&written[..at], "" | "r" | "R" | "u" | "U"))?
    } else {
        0
    };
    let body = &written[prefix..];
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if python || quote.len() == 1 {
            if let Some(inner) = body
                .strip_prefix(quote)
                .and_then(|rest| rest.strip_suffix(quote))
            {
                return (inner == value)
                    .then_some((prefix + quote.len(), prefix + quote.len() + inner.len()));
            }
        }
    }
    (!python && written == value).then_some((0, written.len()))
}

/// The runtime to recommend for an SDK, always a published release: the newest final release of
/// its minor (Tecton recommends it), else, while that minor is in beta, its newest pre-release;
/// `None` when the release data knows no release of it.
pub(crate) fn recommended_runtime(sdk: &Sdk) -> Option<String> {
    crate::sdk::releases().newest_release(sdk.version.minor)
}

/// `"1.2.13"`, or what to write when no release of the SDK's minor is known.
pub(crate) fn runtime_example(sdk: &Sdk) -> String {
    match recommended_runtime(sdk) {
        Some(version) => version,
        None => format!("<a published {} release>", sdk.version.minor),
    }
}

/// The repo config key that sets a default for an object's kind.
pub(crate) fn config_key(kind: crate::model::Kind) -> &'static str {
    match kind {
        crate::model::Kind::StreamFeatureView => "stream_feature_view",
        crate::model::Kind::FeatureTable => "feature_table",
        _ => "batch_feature_view",
    }
}

/// Places a finding about `object` at it and, for an object a function of another file builds
/// (a factory), labels the call it came from in the file being imported: the finding then has a
/// place in the file a commit changes to add the object, and says which call built it.
pub(crate) fn at_object(diagnostic: Diagnostic, object: &TectonObject) -> Diagnostic {
    called_from(
        diagnostic.at(object.span.clone()),
        object,
        "built by this call",
    )
}

/// Labels the call that built `object`, when a function of another file built it.
pub(crate) fn called_from(diagnostic: Diagnostic, object: &TectonObject, what: &str) -> Diagnostic {
    match &object.called_at {
        Some(call) => diagnostic.with_label(call.clone(), format!("{} {what}", label(object))),
        None => diagnostic,
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

#[cfg(test)]
mod fix_tests {
    use super::literal_content;

    fn inside<'a>(written: &'a str, value: &str, python: bool) -> Option<&'a str> {
        literal_content(written, value, python).map(|(start, end)| &written[start..end])
    }

    #[test]
    fn the_value_is_found_inside_plain_literals_only() {
        // Python: every quote style and the prefixes that keep a `str`.
        for written in [
            "'1.2'",
            "\"1.2\"",
            "'''1.2'''",
            "\"\"\"1.2\"\"\"",
            "r'1.2'",
            "U\"1.2\"",
        ] {
            assert_eq!(inside(written, "1.2", true), Some("1.2"), "{written}");
        }
        // Not a plain literal of the value: pieces, f-strings, bytes, escapes, a name.
        for written in [
            "'1.' '2'",
            "f'1.2'",
            "b'1.2'",
            "'1\\x2e2'",
            "RUNTIME",
            "'1.2",
        ] {
            assert_eq!(inside(written, "1.2", true), None, "{written}");
        }
        // YAML: plain, double- and single-quoted scalars; no triple quotes, no tags.
        assert_eq!(inside("1.2.10", "1.2.10", false), Some("1.2.10"));
        assert_eq!(inside("\"1.2.10\"", "1.2.10", false), Some("1.2.10"));
        assert_eq!(inside("'1.2.10'", "1.2.10", false), Some("1.2.10"));
        assert_eq!(inside("!!str 1.2.10", "1.2.10", false), None);
        assert_eq!(inside("\"1.2.\\x31\"", "1.2.1", false), None);
        // A value that quoting would change is never edited.
        assert_eq!(inside("'it''s'", "it's", false), None);
    }
}

#[cfg(test)]
mod use_key_tests {
    use super::UseKey;
    use crate::diagnostic::Span;
    use std::hash::BuildHasher;

    fn hash(key: &UseKey<'_>) -> u64 {
        rustc_hash::FxBuildHasher.hash_one(key)
    }

    /// Files one template made hold their arguments at the same offsets: their keys must fall
    /// apart, or grouping thousands of pinned views compares every pair of paths.
    #[test]
    fn uses_at_the_same_offsets_of_two_files_hash_apart_and_equal_paths_alike() {
        let a = Span::new(std::path::Path::new("/r/features/views_0.py"), 120, 128);
        let b = Span::new(std::path::Path::new("/r/features/views_1.py"), 120, 128);
        assert_ne!(
            hash(&UseKey(&a, None, "1.2.13")),
            hash(&UseKey(&b, None, "1.2.13"))
        );
        // The same path written two ways is one place: equal keys, equal hashes.
        let c = Span::new(std::path::Path::new("/r/features//views_0.py"), 120, 128);
        assert!(UseKey(&a, None, "1.2.13") == UseKey(&c, None, "1.2.13"));
        assert_eq!(
            hash(&UseKey(&a, None, "1.2.13")),
            hash(&UseKey(&c, None, "1.2.13"))
        );
        assert_eq!(
            hash(&UseKey(&a, Some(&b), "1.2.13")),
            hash(&UseKey(&c, Some(&b), "1.2.13"))
        );
    }
}
