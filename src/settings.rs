//! The tool's own configuration: `tecton-preflight.toml`, or `[tool.tecton-preflight]` in
//! `pyproject.toml`, in the root or a parent up to the git top-level (the nearest wins). Keys:
//! `sdk-version`, `default-compute`, `select`, `ignore`, `per-file-ignores`, `exclude`. Unknown keys
//! and wrong types are TP005 errors with their position, as in `repo.yaml`. Command-line flags win.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::analyze::DefaultCompute;
use crate::diagnostic::{Diagnostic, Span};
use crate::source::Sources;

const KEYS: &[&str] = &[
    "sdk-version",
    "default-compute",
    "select",
    "ignore",
    "per-file-ignores",
    "exclude",
];

#[derive(Default)]
pub struct Settings {
    /// The file the settings came from.
    pub path: Option<PathBuf>,
    pub sdk_version: Option<String>,
    /// Where `sdk-version` is written.
    pub sdk_version_span: Option<Span>,
    pub default_compute: Option<DefaultCompute>,
    /// Code prefixes; empty means every rule.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    per_file_ignores: Vec<(Gitignore, Vec<String>)>,
    exclude: Option<Gitignore>,
}

fn matches_prefix(code: &str, prefixes: &[String]) -> bool {
    prefixes
        .iter()
        .any(|p| p == "ALL" || code.starts_with(p.as_str()))
}

/// Whether a prefix names at least one rule (`TP2`, `TP202`, `ALL`).
fn is_code_prefix(prefix: &str) -> bool {
    prefix == "ALL"
        || crate::rules::RULES
            .iter()
            .any(|r| r.code.starts_with(prefix))
}

impl Settings {
    /// Whether a finding is reported: its rule is selected and not ignored, its file is not
    /// excluded, and no per-file ignore covers it. The tool's own configuration errors always are.
    pub fn reports(&self, diagnostic: &Diagnostic) -> bool {
        if diagnostic.code == "TP005" {
            return true;
        }
        let code = diagnostic.code;
        if !self.select.is_empty() && !matches_prefix(code, &self.select) {
            return false;
        }
        if matches_prefix(code, &self.ignore) {
            return false;
        }
        let Some(span) = &diagnostic.span else {
            return true;
        };
        if self
            .exclude
            .as_ref()
            .is_some_and(|g| ignored_by(g, &span.file))
        {
            return false;
        }
        !self
            .per_file_ignores
            .iter()
            .any(|(glob, codes)| matches_prefix(code, codes) && ignored_by(glob, &span.file))
    }
}

/// Whether `glob` (patterns relative to the configuration file's folder) matches `file` or a
/// folder it is in. A file outside that folder (a pin file above the root, a `--config`
/// elsewhere) is none of its paths: the matcher would refuse it.
fn ignored_by(glob: &Gitignore, file: &Path) -> bool {
    let inside = file.starts_with(glob.path()) || !file.has_root();
    inside && glob.matched_path_or_any_parents(file, false).is_ignore()
}

/// The nearest configuration file from `root` up to the git top-level, and the table in it.
fn find(root: &Path) -> Option<(PathBuf, bool)> {
    let mut dir = Some(root);
    while let Some(d) = dir {
        let own = d.join("tecton-preflight.toml");
        if own.is_file() {
            return Some((own, false));
        }
        let pyproject = d.join("pyproject.toml");
        if pyproject.is_file()
            && crate::source::read_regular_text(&pyproject)
                .is_ok_and(|t| t.contains("tool.tecton-preflight"))
        {
            return Some((pyproject, true));
        }
        if d.join(".git").exists() {
            break;
        }
        dir = d.parent();
    }
    None
}

struct Reader<'a> {
    path: &'a Path,
    out: &'a mut Vec<Diagnostic>,
}

impl Reader<'_> {
    fn error(&mut self, span: std::ops::Range<usize>, message: String, help: &str) {
        self.out.push(
            Diagnostic::new("TP005", message)
                .at(Span::new(self.path, span.start, span.end))
                .with_help(help),
        );
    }

    fn string(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<String> {
        match value.get_ref().as_str() {
            Some(s) => Some(s.to_string()),
            None => {
                self.error(
                    value.span(),
                    format!(
                        "`{key}` must be a string, not {}",
                        value.get_ref().type_str()
                    ),
                    "quote the value",
                );
                None
            }
        }
    }

    fn strings(
        &mut self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Vec<(String, std::ops::Range<usize>)> {
        let Some(array) = value.get_ref().as_array() else {
            self.error(
                value.span(),
                format!(
                    "`{key}` must be an array of strings, not {}",
                    value.get_ref().type_str()
                ),
                "write it as [\"...\", \"...\"]",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in array.iter() {
            match item.get_ref().as_str() {
                Some(s) => out.push((s.to_string(), item.span())),
                None => self.error(
                    item.span(),
                    format!("`{key}` holds {}, not a string", item.get_ref().type_str()),
                    "write each entry as a quoted string",
                ),
            }
        }
        out
    }

    fn codes(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Vec<String> {
        let mut out = Vec::new();
        for (code, span) in self.strings(key, value) {
            if is_code_prefix(&code) {
                out.push(code);
            } else {
                self.error(
                    span,
                    format!("`{code}` in `{key}` is not a rule code or a prefix of one"),
                    "`tecton-preflight rule` lists the codes (TP001…TP210); a prefix such as `TP2` names a group",
                );
            }
        }
        out
    }

    fn globs(
        &mut self,
        base: &Path,
        patterns: &[(String, std::ops::Range<usize>)],
    ) -> Option<Gitignore> {
        let mut builder = GitignoreBuilder::new(base);
        for (pattern, span) in patterns {
            if let Err(err) = builder.add_line(None, pattern) {
                self.error(
                    span.clone(),
                    format!("`{pattern}` is not a valid glob: {err}"),
                    "use gitignore syntax",
                );
            }
        }
        builder.build().ok()
    }
}

/// Reads the settings that apply to a root. Problems are TP005 diagnostics; what could be read is
/// still used.
pub fn load(root: &Path, sources: &Sources) -> (Settings, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some((path, in_pyproject)) = find(root) else {
        return (Settings::default(), diagnostics);
    };
    let text = match crate::source::read_regular_text(&path) {
        Ok(text) => text,
        Err(err) => {
            diagnostics.push(
                Diagnostic::new("TP005", format!("cannot read the configuration: {err}"))
                    .at(Span::whole_file(&path)),
            );
            return (Settings::default(), diagnostics);
        }
    };
    let source = sources.insert(&path, text);
    let mut settings = Settings {
        path: Some(path.clone()),
        ..Settings::default()
    };
    let document = match DeTable::parse(&source.text) {
        Ok(document) => document,
        Err(err) => {
            let span = err.span().unwrap_or(0..0);
            diagnostics.push(
                Diagnostic::new(
                    "TP005",
                    format!("the configuration is not valid TOML: {}", err.message()),
                )
                .at(Span::new(&path, span.start, span.end)),
            );
            return (settings, diagnostics);
        }
    };
    let table: Option<&DeTable<'_>> = if in_pyproject {
        document
            .get_ref()
            .get("tool")
            .and_then(|t| t.get_ref().as_table())
            .and_then(|t| t.get("tecton-preflight"))
            .and_then(|t| t.get_ref().as_table())
    } else {
        Some(document.get_ref())
    };
    let Some(table) = table else {
        return (settings, diagnostics);
    };
    let base = path.parent().unwrap_or(root).to_path_buf();
    let mut reader = Reader {
        path: &path,
        out: &mut diagnostics,
    };
    for (key, value) in table.iter() {
        match key.get_ref().as_ref() {
            "sdk-version" => {
                if let Some(version) = reader.string("sdk-version", value) {
                    match crate::sdk::parse_version_arg(&version) {
                        Ok(parsed) => match crate::sdk::check_released(&parsed) {
                            Ok(()) => {
                                settings.sdk_version = Some(version);
                                let at = value.span();
                                settings.sdk_version_span =
                                    Some(Span::new(&path, at.start, at.end));
                            }
                            Err(err) => reader.error(
                                value.span(),
                                format!("`sdk-version` {version:?}: {err}"),
                                "write a released version, such as \"1.2\"",
                            ),
                        },
                        Err(err) => reader.error(
                            value.span(),
                            format!("`sdk-version` {version:?} is not a Tecton version: {err}"),
                            "write it as X.Y or X.Y.Z, such as \"1.2\"",
                        ),
                    }
                }
            }
            "default-compute" => {
                if let Some(compute) = reader.string("default-compute", value) {
                    settings.default_compute = match compute.as_str() {
                        "spark" => Some(DefaultCompute::Spark),
                        "rift" => Some(DefaultCompute::Rift),
                        "unknown" => Some(DefaultCompute::Unknown),
                        other => {
                            reader.error(
                                value.span(),
                                format!("`default-compute` is {other:?}; it must be \"spark\", \"rift\" or \"unknown\""),
                                "choose where your deployment runs pandas/python-mode views",
                            );
                            None
                        }
                    };
                }
            }
            "select" => settings.select = reader.codes("select", value),
            "ignore" => settings.ignore = reader.codes("ignore", value),
            "exclude" => {
                let patterns = reader.strings("exclude", value);
                settings.exclude = reader.globs(&base, &patterns);
            }
            "per-file-ignores" => match value.get_ref().as_table() {
                Some(table) => {
                    for (glob, codes) in table.iter() {
                        let codes = reader.codes("per-file-ignores", codes);
                        if let Some(matcher) =
                            reader.globs(&base, &[(glob.get_ref().to_string(), glob.span())])
                        {
                            settings.per_file_ignores.push((matcher, codes));
                        }
                    }
                }
                None => reader.error(
                    value.span(),
                    format!(
                        "`per-file-ignores` must be a table, not {}",
                        value.get_ref().type_str()
                    ),
                    "write it as a table: \"features/legacy/*.py\" = [\"TP202\"]",
                ),
            },
            other => {
                let valid: Vec<String> = KEYS.iter().map(|k| format!("`{k}`")).collect();
                reader.error(
                    key.span(),
                    format!("unknown key `{other}` in the tecton-preflight configuration"),
                    &format!("valid keys: {}", valid.join(", ")),
                );
            }
        }
    }
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start()));
    (settings, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(name: &str, text: &str) -> (Settings, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join(".git")).expect("git marker");
        std::fs::write(dir.path().join(name), text).expect("write");
        load(dir.path(), &Sources::default())
    }

    #[test]
    fn reads_every_key() {
        let (settings, diagnostics) = load_text(
            "tecton-preflight.toml",
            "sdk-version = \"1.2\"\ndefault-compute = \"rift\"\nselect = [\"TP2\"]\nignore = [\"TP210\"]\nexclude = [\"legacy/\"]\n[per-file-ignores]\n\"tests/*.py\" = [\"TP003\"]\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(settings.sdk_version.as_deref(), Some("1.2"));
        assert_eq!(settings.default_compute, Some(DefaultCompute::Rift));
        assert_eq!(settings.select, ["TP2"]);
        assert_eq!(settings.ignore, ["TP210"]);
        assert_eq!(settings.per_file_ignores.len(), 1);
    }

    #[test]
    fn pyproject_table() {
        let (settings, diagnostics) = load_text(
            "pyproject.toml",
            "[project]\nname = \"x\"\n\n[tool.tecton-preflight]\nignore = [\"TP209\"]\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(settings.ignore, ["TP209"]);
    }

    #[test]
    fn typos_and_wrong_types_are_errors_with_positions() {
        let text = "sdk_version = \"1.2\"\nselect = \"TP2\"\nignore = [\"TP999\"]\ndefault-compute = \"databricks\"\n";
        let (_, diagnostics) = load_text("tecton-preflight.toml", text);
        let found: Vec<(&str, usize)> = diagnostics
            .iter()
            .map(|d| (d.code, d.span.as_ref().map_or(0, |s| s.start())))
            .collect();
        assert_eq!(
            found,
            [("TP005", 0), ("TP005", 29), ("TP005", 45), ("TP005", 72)]
        );
        assert!(diagnostics[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("`sdk-version`")));
    }

    #[test]
    fn broken_toml_is_an_error() {
        let (_, diagnostics) = load_text("tecton-preflight.toml", "select = [\n");
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.contains("not valid TOML"));
    }
}
