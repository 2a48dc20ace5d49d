//! Files whose module name Python gives to another file, or to none: Tecton imports each collected
//! file by its dotted module name, and Python resolves that name as it resolves any import, so
//! the layout alone can make a file fail to import. A folder `a/b/` with `__init__.py` is the
//! package `a.b`, which wins over a file `a/b.py` beside it (every SDK stops there: "Python module
//! name a.b (a/b.py) conflicts with module a.b from a/b/__init__.py"); a folder without
//! `__init__.py` is a namespace package, which a file `a/b.py` beside it wins over, so no file in
//! the folder can be imported ("No module named 'a.b.c'; 'a.b' is not a package"); and a dot in a
//! folder's or a file's name adds parts to the module name (`v1.2/views.py` is `v1.2.views`),
//! which Python looks for as other files.

use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::load::LoadedModule;
use crate::diagnostic::{Diagnostic, Span};

/// What Python imports for a dotted name of the root.
#[derive(Clone)]
enum Resolved {
    /// A folder with `__init__.py` (that file).
    Package(PathBuf),
    /// A file `name.py`.
    Module(PathBuf),
    /// Neither: a folder without `__init__.py`, or nothing.
    Other,
}

/// For each collected module, the finding that Tecton cannot import it because of where it lies,
/// if any. The collected files answer for the names they hold; a name they leave open (a file
/// `.tectonignore` leaves out) is looked up on disk, once per folder that holds collected files.
pub(super) fn conflicts(root: &Path, collected: &[LoadedModule]) -> Vec<Option<Diagnostic>> {
    let mut packages: FxHashMap<&str, &Path> = FxHashMap::default();
    let mut plain: FxHashMap<&str, &Path> = FxHashMap::default();
    let mut folders: FxHashSet<&str> = FxHashSet::default();
    for module in collected.iter().filter(|m| !dotted(root, m)) {
        let name = module.name.as_str();
        if module.is_package {
            packages.insert(name, &module.path);
        } else {
            plain.insert(name, &module.path);
        }
        folders.extend(folders_of(module));
    }
    let mut resolved: FxHashMap<String, Resolved> = FxHashMap::default();
    let mut resolve = |name: &str| -> Resolved {
        if let Some(known) = resolved.get(name) {
            return known.clone();
        }
        let mut base = root.to_path_buf();
        base.extend(name.split('.'));
        let answer = match packages.get(name) {
            Some(init) => Resolved::Package(init.to_path_buf()),
            None => {
                let init = base.join("__init__.py");
                if folders.contains(name) && init.is_file() {
                    Resolved::Package(init)
                } else if let Some(file) = plain.get(name) {
                    Resolved::Module(file.to_path_buf())
                } else {
                    let mut file = base.into_os_string();
                    file.push(".py");
                    let file = PathBuf::from(file);
                    match file.is_file() {
                        true => Resolved::Module(file),
                        false => Resolved::Other,
                    }
                }
            }
        };
        resolved.insert(name.to_string(), answer.clone());
        answer
    };
    collected
        .iter()
        .map(|module| {
            if dotted(root, module) {
                return Some(misnamed(root, module));
            }
            if !module.is_package && folders.contains(module.name.as_str()) {
                if let Resolved::Package(init) = resolve(&module.name) {
                    return Some(taken_by_package(root, module, &init));
                }
            }
            folders_of(module).find_map(|folder| match resolve(folder) {
                Resolved::Module(file) => Some(not_a_package(root, module, folder, &file)),
                _ => None,
            })
        })
        .collect()
}

/// The dotted names of the folders a module lies in, from the outermost: `a` and `a.b` for
/// `a/b/c.py` and for the package `a/b/` itself.
fn folders_of(module: &LoadedModule) -> impl Iterator<Item = &str> {
    let name = module.name.as_str();
    let own = module.is_package && !name.is_empty();
    name.match_indices('.')
        .map(move |(end, _)| &name[..end])
        .chain(own.then_some(name))
}

/// Whether a dot in a folder's or the file's name adds parts to the module name (`v1.2/views.py`
/// is `v1.2.views`, `views.draft.py` is `views.draft`): Python then looks for other files.
fn dotted(root: &Path, module: &LoadedModule) -> bool {
    let path = module.path.as_os_str().as_encoded_bytes();
    let Some(relative) = path.strip_prefix(root.as_os_str().as_encoded_bytes()) else {
        return false;
    };
    let relative = relative.strip_suffix(b".py").unwrap_or(relative);
    memchr::memchr(b'.', relative).is_some()
}

/// The import Python makes of a [`dotted`] module's name, walked on disk as Python walks it: the
/// first part it cannot import, or the other file it imports instead.
fn misnamed(root: &Path, module: &LoadedModule) -> Diagnostic {
    let name = &module.name;
    let shown = |p: &Path| crate::report::relative_to(p, root);
    let not_found = |why: String| format!("{why} (ModuleNotFoundError)");
    let mut path = root.to_path_buf();
    let mut why = None;
    let parts: Vec<&str> = name.split('.').collect();
    for (i, part) in parts.iter().enumerate() {
        path.push(part);
        let prefix = parts[..=i].join(".");
        let mut file = path.clone().into_os_string();
        file.push(".py");
        let file = PathBuf::from(file);
        let last = i + 1 == parts.len();
        let init = path.join("__init__.py");
        let other = if init.is_file() {
            Some(init)
        } else if file.is_file() {
            Some(file)
        } else {
            None
        };
        why = match (other, last) {
            // Imported instead, and then refused: every SDK compares the module's file.
            (Some(other), true) => Some(format!(
                "which Python finds as `{}` (Tecton stops: \"Python module name {name} ({}) conflicts with module {name} from {}\")",
                shown(&other),
                shown(&module.path),
                shown(&other),
            )),
            (Some(other), false) if other.ends_with("__init__.py") => continue,
            (Some(other), false) => Some(not_found(format!(
                "and `{prefix}` is the module `{}`, not a package",
                shown(&other)
            ))),
            (None, false) if path.is_dir() => continue,
            (None, _) => Some(not_found(format!("and Python finds no module `{prefix}`"))),
        };
        break;
    }
    let why = why.unwrap_or_else(|| not_found(format!("and Python finds no module `{name}`")));
    Diagnostic::new(
        "TP001",
        format!("Tecton cannot import this file: a dot in its name makes its module name `{name}`, {why}"),
    )
    .at(Span::whole_file(&module.path))
    .with_help("rename the file or folder without the dot (`v1_2`, `views_draft.py`): Tecton imports each file by its dotted module name")
}

fn taken_by_package(root: &Path, module: &LoadedModule, init: &Path) -> Diagnostic {
    let name = &module.name;
    let shown = |p: &Path| crate::report::relative_to(p, root);
    Diagnostic::new(
        "TP001",
        format!(
            "Tecton cannot import this file: its module name `{name}` is the package `{}`, which Python imports instead (Tecton stops: \"Python module name {name} ({}) conflicts with module {name} from {}\")",
            shown(init.parent().unwrap_or(init)),
            shown(&module.path),
            shown(init),
        ),
    )
    .at(Span::whole_file(&module.path))
    .with_label(Span::whole_file(init), format!("the package `{name}`"))
    .with_help("rename the file, or move its code into the package")
}

fn not_a_package(root: &Path, module: &LoadedModule, folder: &str, file: &Path) -> Diagnostic {
    let name = &module.name;
    let shown = crate::report::relative_to(file, root);
    Diagnostic::new(
        "TP001",
        format!(
            "Tecton cannot import this file: no module named `{name}`, as `{folder}` is the module `{shown}`, not a package (ModuleNotFoundError)"
        ),
    )
    .at(Span::whole_file(&module.path))
    .with_label(Span::whole_file(file), format!("the module `{folder}`"))
    .with_help(format!(
        "rename `{shown}` or the folder beside it: Python imports the module for `{folder}`, so no file in the folder can be imported"
    ))
}
