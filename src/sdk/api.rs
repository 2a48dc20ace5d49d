//! What each SDK minor's Python API accepts at import time (`data/sdk_api.toml`, compiled in and
//! generated from the real SDK by `scripts/extract-sdk-api.py`): the names each Tecton module
//! exports, and the parameters of every constructor. With it, a `from tecton import X` that the
//! pinned SDK does not have, or a call with an argument it does not take or without one it
//! requires, is found before `tecton plan` fails on it.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use serde::Deserialize;

use super::subset_toml::{Cursor, Value};
use super::{Minor, SdkVersion};

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SdkApi {
    /// The exact version the data was read from.
    pub sdk: String,
    #[serde(default)]
    pub missing_modules: Vec<String>,
    pub modules: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub callables: BTreeMap<String, BTreeMap<String, Callable>>,
    /// Classes, by module, that take keyword arguments only (pydantic models from 0.8 on): one
    /// positional argument fails with `TypeError: ... takes 1 positional argument but 2 were given`.
    #[serde(default)]
    pub keyword_only: BTreeMap<String, Vec<String>>,
    /// Names of a module (`tecton.v09_compat`) that are other objects than `tecton`'s of the same
    /// name; its other names are the very same objects.
    #[serde(default)]
    pub distinct: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Callable {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub alias_of: Option<String>,
    pub params: Vec<String>,
    pub required: Vec<String>,
    pub positional: Vec<String>,
    pub var_positional: bool,
    pub var_keyword: bool,
}

/// Whether a module may be imported, and a name from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Import {
    Ok,
    /// The module does not exist in this SDK (ModuleNotFoundError).
    NoModule,
    /// The module exists but has no such name (ImportError).
    NoName,
    /// The module is not one the data covers.
    Unknown,
}

const DATA: &str = include_str!("../../data/sdk_api.toml");

/// Every minor's API, for the messages that say when a name came or went.
fn all() -> &'static BTreeMap<String, SdkApi> {
    static ALL: OnceLock<BTreeMap<String, SdkApi>> = OnceLock::new();
    ALL.get_or_init(|| {
        // The file is generated and tested (`api_data_parses`); an unreadable copy disables the checks.
        toml::from_str(DATA).unwrap_or_default()
    })
}

/// The lines of the data about one minor: the tables whose first key is the minor (`["1.2"]`,
/// `["1.2".modules]`, ...). A check needs one minor of six, and reading the whole file took a
/// good part of a small repository's run. The table headers are found by searching the text for
/// line starts with `["` rather than by walking every line.
fn section(minor: &str) -> String {
    let headers: Vec<usize> = DATA
        .starts_with("[\"")
        .then_some(0)
        .into_iter()
        .chain(memchr::memmem::find_iter(DATA.as_bytes(), b"\n[\"").map(|i| i + 1))
        .collect();
    let mut out = String::new();
    for (k, &start) in headers.iter().enumerate() {
        let end = headers.get(k + 1).copied().unwrap_or(DATA.len());
        let table = DATA.get(start..end).unwrap_or("");
        if table.get(2..).and_then(|t| t.split('"').next()) == Some(minor) {
            out.push_str(table);
        }
    }
    out
}

/// The API of an SDK version's minor, when the data covers it.
pub fn for_version(sdk: &SdkVersion) -> Option<&'static SdkApi> {
    // Each minor is read once, and kept for the rest of the run (a run sees a handful at most).
    static READ: Mutex<Vec<(String, Option<&'static SdkApi>)>> = Mutex::new(Vec::new());
    let minor = sdk.minor.to_string();
    let mut read = READ.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, api)) = read.iter().find(|(m, _)| *m == minor) {
        return *api;
    }
    let text = section(&minor);
    // The data files' own reader, about four times faster than a general TOML parser; should it
    // ever refuse the data, the `toml` crate reads it.
    let api = read_minor(&text, &minor)
        .ok()
        .or_else(|| {
            toml::from_str::<BTreeMap<String, SdkApi>>(&text)
                .ok()
                .and_then(|mut apis| apis.remove(&minor))
        })
        .map(|api| &*Box::leak(Box::new(api)));
    read.push((minor, api));
    api
}

/// Reads the tables of one minor ([`section`]) as the `toml` crate reads them into [`SdkApi`]:
/// `["1.2"]` (`sdk`, `missing_modules`), `["1.2".modules]`, `["1.2".keyword_only]` and
/// `["1.2".distinct]` (lists of names by module), and `["1.2".callables."tecton".Name]`. Anything
/// else, a field missing or repeated, is an error (the test `the_data_reader_reads_as_toml_does`
/// holds the two readers together).
fn read_minor(text: &str, minor: &str) -> Result<SdkApi, String> {
    let mut api = SdkApi::default();
    let (mut sdk, mut modules) = (false, false);
    let mut table: Vec<&str> = Vec::new();
    // The callable being read, with the fields seen.
    let mut callable: Option<(String, String, Callable, Vec<&str>)> = None;
    let finish = |api: &mut SdkApi, callable: Option<(String, String, Callable, Vec<&str>)>| {
        let Some((module, name, callable, seen)) = callable else {
            return Ok(());
        };
        for field in [
            "type",
            "params",
            "required",
            "positional",
            "var_positional",
            "var_keyword",
        ] {
            if !seen.contains(&field) {
                return Err(format!("`{module}.{name}` has no `{field}`"));
            }
        }
        match api.callables.entry(module).or_default().entry(name) {
            std::collections::btree_map::Entry::Vacant(entry) => {
                entry.insert(callable);
                Ok(())
            }
            std::collections::btree_map::Entry::Occupied(entry) => {
                Err(format!("`{}` is read twice", entry.key()))
            }
        }
    };
    let mut at = Cursor::new(text);
    loop {
        at.skip_blank();
        if at.rest().is_empty() {
            break;
        }
        if at.rest().starts_with('[') {
            finish(&mut api, callable.take())?;
            table = at.header()?;
            match table.as_slice() {
                [m] if *m == minor => {}
                [m, "modules"] if *m == minor => modules = true,
                [m, "keyword_only" | "distinct"] if *m == minor => {}
                [m, "callables", module, name] if *m == minor => {
                    callable = Some((
                        module.to_string(),
                        name.to_string(),
                        Callable::default(),
                        Vec::new(),
                    ))
                }
                _ => return Err(format!("an unknown table {table:?}")),
            }
            continue;
        }
        let (key, value) = at.entry()?;
        let names = |items: Vec<&str>| items.into_iter().map(String::from).collect::<Vec<_>>();
        let wrong = || format!("`{key}` in {table:?} is not what it should be");
        match (table.as_slice(), value) {
            ([_], value) => match (key, value) {
                ("sdk", Value::Str(s)) if !sdk => {
                    api.sdk = s.to_string();
                    sdk = true;
                }
                ("missing_modules", Value::List(items)) if api.missing_modules.is_empty() => {
                    api.missing_modules = names(items)
                }
                _ => return Err(wrong()),
            },
            ([_, field], Value::List(items)) => {
                let map = match *field {
                    "modules" => &mut api.modules,
                    "keyword_only" => &mut api.keyword_only,
                    _ => &mut api.distinct,
                };
                if map.insert(key.to_string(), names(items)).is_some() {
                    return Err(wrong());
                }
            }
            ([_, _, _, _], value) => {
                let Some((_, _, callable, seen)) = callable.as_mut() else {
                    return Err(wrong());
                };
                if seen.contains(&key) {
                    return Err(wrong());
                }
                match (key, value) {
                    ("type", Value::Str(s)) => callable.kind = s.to_string(),
                    ("alias_of", Value::Str(s)) => callable.alias_of = Some(s.to_string()),
                    ("params", Value::List(items)) => callable.params = names(items),
                    ("required", Value::List(items)) => callable.required = names(items),
                    ("positional", Value::List(items)) => callable.positional = names(items),
                    ("var_positional", Value::Bool(b)) => callable.var_positional = b,
                    ("var_keyword", Value::Bool(b)) => callable.var_keyword = b,
                    _ => return Err(wrong()),
                }
                seen.push(key);
            }
            _ => return Err(wrong()),
        }
    }
    finish(&mut api, callable.take())?;
    if !sdk || !modules {
        return Err(format!("minor {minor} has no `sdk` or no `modules`"));
    }
    Ok(api)
}

impl SdkApi {
    pub fn import(&self, module: &str, name: Option<&str>) -> Import {
        if self.missing_modules.iter().any(|m| m == module) {
            return Import::NoModule;
        }
        let Some(names) = self.modules.get(module) else {
            return Import::Unknown;
        };
        match name {
            Some(name) if names.binary_search_by(|n| n.as_str().cmp(name)).is_err() => {
                Import::NoName
            }
            _ => Import::Ok,
        }
    }

    pub fn callable(&self, module: &str, name: &str) -> Option<&Callable> {
        self.callables.get(module)?.get(name)
    }

    /// Whether `module.name` is another object than `tecton.name`.
    pub fn distinct_from_tecton(&self, module: &str, name: &str) -> bool {
        self.distinct
            .get(module)
            .is_some_and(|names| names.iter().any(|n| n == name))
    }

    /// Whether `module.name` is a class that takes keyword arguments only.
    pub fn takes_keywords_only(&self, module: &str, name: &str) -> bool {
        self.keyword_only
            .get(module)
            .is_some_and(|names| names.iter().any(|n| n == name))
    }
}

/// Where a name of a Tecton module appears and disappears across the covered versions: a clause
/// such as "it was removed in SDK 1.0" or "it was added in SDK 1.1", for messages.
pub fn history(module: &str, name: &str, current: Minor) -> Option<String> {
    let mut versions: Vec<((u64, u64), &str, bool)> = all()
        .iter()
        .map(|(v, api)| {
            (
                version_key(v),
                v.as_str(),
                matches!(api.import(module, Some(name)), Import::Ok),
            )
        })
        .collect();
    versions.sort();
    let current = (current.major, current.minor);
    let removed = versions
        .windows(2)
        .rev()
        .find(|pair| pair[0].2 && !pair[1].2 && pair[1].0 <= current)
        .map(|pair| pair[1].1);
    if let Some(version) = removed {
        return Some(format!("it was removed in SDK {version}"));
    }
    versions
        .iter()
        .find(|(key, _, has)| *key > current && *has)
        .map(|(_, version, _)| format!("it was added in SDK {version}"))
}

/// "it exists only in SDK 1.0", or "it was removed in SDK 1.1", for a module of the covered set.
pub fn history_of_module(module: &str, current: Minor) -> Option<String> {
    let mut present: Vec<((u64, u64), &str)> = all()
        .iter()
        .filter(|(_, api)| api.modules.contains_key(module))
        .map(|(v, _)| (version_key(v), v.as_str()))
        .collect();
    present.sort();
    match present.as_slice() {
        [] => None,
        [(_, only)] => Some(format!("`{module}` exists only in SDK {only}")),
        [.., (last, version)] if *last < (current.major, current.minor) => {
            Some(format!("`{module}` was last available in SDK {version}"))
        }
        _ => None,
    }
}

fn version_key(v: &str) -> (u64, u64) {
    let mut parts = v.split('.').map(|p| p.parse().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `section` keeps the lines a walk over every line keeps.
    #[test]
    fn section_is_the_minor_s_tables() {
        let by_lines = |minor: &str| {
            let mut out = String::new();
            let mut inside = false;
            for line in DATA.split_inclusive('\n') {
                if let Some(header) = line.strip_prefix("[\"") {
                    inside = header.split('"').next() == Some(minor);
                }
                if inside {
                    out.push_str(line);
                }
            }
            out
        };
        for minor in ["0.7", "0.8", "0.9", "1.0", "1.1", "1.2", "1.3", "9.9", ""] {
            assert_eq!(section(minor), by_lines(minor), "{minor}");
        }
        assert!(section("1.2").starts_with("[\"1.2\"]"));
    }

    #[test]
    fn the_data_reader_reads_as_toml_does() {
        for minor in all().keys() {
            let text = section(minor);
            let read = read_minor(&text, minor).expect("the data reader reads every minor");
            assert_eq!(&read, &all()[minor], "{minor}");
        }
        assert!(read_minor(&section("9.9"), "9.9").is_err());
        // What the reader refuses: the `toml` crate reads the data instead.
        for bad in [
            "[\"1.2\"]\nsdk = \"1.2.0\"\nsdk = \"1.2.1\"\n[\"1.2\".modules]\n",
            "[\"1.2\"]\nsdk = \"1.2.0\"\n[\"1.2\".modules]\n[\"1.2\".other]\n",
            "[\"1.2\"]\nsdk = \"1.2.0\"\n[\"1.2\".modules]\n[\"1.2\".callables.\"tecton\".f]\ntype = \"function\"\n",
            "[\"1.2\"]\nsdk = \"1.2.0\"\n",
            "[\"1.2\"]\nsdk = \"1.2.0\"\n[\"1.2\".modules]\n\"tecton\" = true\n",
        ] {
            assert!(read_minor(bad, "1.2").is_err(), "{bad}");
        }
    }

    #[test]
    fn api_data_parses_and_covers_0_7_to_1_2() {
        let keys: Vec<&String> = all().keys().collect();
        assert_eq!(keys, ["0.7", "0.8", "0.9", "1.0", "1.1", "1.2"]);
    }

    #[test]
    fn each_minor_read_alone_is_as_read_with_the_others() {
        for (minor, api) in all() {
            let version = crate::sdk::parse_version_arg(&api.sdk).expect("version");
            let alone = for_version(&version).expect("covered");
            assert_eq!(format!("{alone:?}"), format!("{api:?}"), "{minor}");
        }
        let uncovered = crate::sdk::parse_version_arg("1.3.0").expect("version");
        assert!(for_version(&uncovered).is_none());
    }

    #[test]
    fn names_and_their_history() {
        let v12 = &all()["1.2"];
        assert!(matches!(
            v12.import("tecton", Some("Aggregate")),
            Import::Ok
        ));
        assert!(matches!(
            v12.import("tecton", Some("Aggregation")),
            Import::NoName
        ));
        assert!(matches!(
            v12.import("tecton.v09_compat", Some("Entity")),
            Import::NoModule
        ));
        assert!(matches!(
            v12.import("pandas", Some("DataFrame")),
            Import::Unknown
        ));
        let m12 = Minor { major: 1, minor: 2 };
        assert_eq!(
            history("tecton", "Aggregation", m12).as_deref(),
            Some("it was removed in SDK 1.0")
        );
        let m10 = Minor { major: 1, minor: 0 };
        assert_eq!(
            history("tecton", "Calculation", m10).as_deref(),
            Some("it was added in SDK 1.1")
        );
    }

    #[test]
    fn signatures() {
        let sfv = all()["1.2"]
            .callable("tecton", "stream_feature_view")
            .expect("sfv");
        assert!(sfv.required.iter().any(|r| r == "features"));
        assert!(!sfv.params.iter().any(|p| p == "aggregation_mode"));
    }
}
