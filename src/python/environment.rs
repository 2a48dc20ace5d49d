//! The Python environment that `tecton plan` imports the repository in, as far as the active
//! virtual environment shows it: the top-level modules of its `site-packages` (and of the folders
//! its `.pth` files add) and of the standard library. It tells an import of a module that is
//! neither in the repository nor installed, which raises ModuleNotFoundError there.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// The modules of the standard library (`sys.stdlib_module_names` of Python 3.10 to 3.13).
const STDLIB: &[&str] = &[
    "__future__",
    "_abc",
    "_aix_support",
    "_android_support",
    "_ast",
    "_asyncio",
    "_bisect",
    "_blake2",
    "_bootsubprocess",
    "_bz2",
    "_codecs",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_collections",
    "_collections_abc",
    "_colorize",
    "_compat_pickle",
    "_compression",
    "_contextvars",
    "_crypt",
    "_csv",
    "_ctypes",
    "_curses",
    "_curses_panel",
    "_datetime",
    "_dbm",
    "_decimal",
    "_elementtree",
    "_frozen_importlib",
    "_frozen_importlib_external",
    "_functools",
    "_gdbm",
    "_hashlib",
    "_heapq",
    "_imp",
    "_interpchannels",
    "_interpqueues",
    "_interpreters",
    "_io",
    "_ios_support",
    "_json",
    "_locale",
    "_lsprof",
    "_lzma",
    "_markupbase",
    "_md5",
    "_msi",
    "_multibytecodec",
    "_multiprocessing",
    "_opcode",
    "_opcode_metadata",
    "_operator",
    "_osx_support",
    "_overlapped",
    "_pickle",
    "_posixshmem",
    "_posixsubprocess",
    "_py_abc",
    "_pydatetime",
    "_pydecimal",
    "_pyio",
    "_pylong",
    "_pyrepl",
    "_queue",
    "_random",
    "_scproxy",
    "_sha1",
    "_sha2",
    "_sha256",
    "_sha3",
    "_sha512",
    "_signal",
    "_sitebuiltins",
    "_socket",
    "_sqlite3",
    "_sre",
    "_ssl",
    "_stat",
    "_statistics",
    "_string",
    "_strptime",
    "_struct",
    "_suggestions",
    "_symtable",
    "_sysconfig",
    "_thread",
    "_threading_local",
    "_tkinter",
    "_tokenize",
    "_tracemalloc",
    "_typing",
    "_uuid",
    "_warnings",
    "_weakref",
    "_weakrefset",
    "_winapi",
    "_wmi",
    "_zoneinfo",
    "abc",
    "aifc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "binhex",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

/// The top-level modules already imported when Tecton imports the repository's files, whatever
/// the environment: those in `sys.modules` after importing Tecton's command line in every SDK
/// from 0.8 to 1.2 (the standard library's that Python 3.10 to 3.13 all have, and Tecton's
/// dependencies). A repository module under one of these names is not the one Python returns.
const PRELOADED: &[&str] = &[
    "abc",
    "argparse",
    "array",
    "ast",
    "asyncio",
    "atexit",
    "attr",
    "attrs",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "boto3",
    "botocore",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "certifi",
    "charset_normalizer",
    "click",
    "cmath",
    "codecs",
    "collections",
    "colorama",
    "colorsys",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "csv",
    "ctypes",
    "cython_runtime",
    "dataclasses",
    "datetime",
    "dateutil",
    "decimal",
    "difflib",
    "dis",
    "email",
    "encodings",
    "enum",
    "errno",
    "fcntl",
    "fnmatch",
    "fractions",
    "functools",
    "gc",
    "genericpath",
    "getpass",
    "gettext",
    "glob",
    "google",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idna",
    "importlib",
    "iniconfig",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "jinja2",
    "jmespath",
    "json",
    "keyword",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "markupsafe",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "ntpath",
    "numbers",
    "numpy",
    "opcode",
    "operator",
    "os",
    "pandas",
    "pathlib",
    "pendulum",
    "pickle",
    "pkgutil",
    "platform",
    "pluggy",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pwd",
    "py",
    "py4j",
    "pyarrow",
    "pydantic",
    "pydantic_core",
    "pydoc",
    "pyexpat",
    "pygments",
    "pypika",
    "pyspark",
    "pytest",
    "pytimeparse",
    "pytz",
    "queue",
    "quopri",
    "random",
    "re",
    "reprlib",
    "requests",
    "secrets",
    "select",
    "selectors",
    "semantic_version",
    "shlex",
    "shutil",
    "signal",
    "site",
    "six",
    "socket",
    "socketserver",
    "sqlparse",
    "ssl",
    "stat",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sys",
    "sysconfig",
    "tarfile",
    "tecton",
    "tecton_athena",
    "tecton_core",
    "tecton_proto",
    "tecton_spark",
    "tempfile",
    "termios",
    "texttable",
    "textwrap",
    "threading",
    "time",
    "token",
    "tokenize",
    "tqdm",
    "traceback",
    "typeguard",
    "types",
    "typing",
    "typing_extensions",
    "typing_inspection",
    "unicodedata",
    "unittest",
    "urllib",
    "urllib3",
    "uuid",
    "warnings",
    "weakref",
    "xml",
    "yaml",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

/// Whether `top` names a module that is already imported when Tecton imports the repository.
pub fn is_preloaded(top: &str) -> bool {
    PRELOADED.binary_search(&top).is_ok()
}

/// The standard library's public modules (of [`STDLIB`]) that some CPython from 3.9 to 3.13 on
/// Linux or macOS does not find: those 3.12 and 3.13 removed, `tomllib` (3.11), Windows' own, and
/// those a distribution may pack apart (`tkinter`, `idlelib`, `venv`, `ensurepip`, ...). Every
/// other public module of the standard library is found, whatever the distribution (a package
/// whose C part may be missing, such as `sqlite3`, is still found first, and its import fails).
const NOT_EVERYWHERE: &[&str] = &[
    "aifc",
    "asynchat",
    "asyncore",
    "audioop",
    "binhex",
    "cgi",
    "cgitb",
    "chunk",
    "crypt",
    "distutils",
    "ensurepip",
    "idlelib",
    "imghdr",
    "imp",
    "lib2to3",
    "mailcap",
    "msilib",
    "msvcrt",
    "nis",
    "nntplib",
    "nt",
    "ossaudiodev",
    "pipes",
    "readline",
    "smtpd",
    "sndhdr",
    "spwd",
    "sunau",
    "telnetlib",
    "tkinter",
    "tomllib",
    "turtle",
    "turtledemo",
    "uu",
    "venv",
    "winreg",
    "winsound",
    "xdrlib",
];

/// Whether every CPython from 3.9 to 3.13 finds the standard library's module `top` on Linux and
/// macOS.
fn in_every_stdlib(top: &str) -> bool {
    !top.starts_with('_')
        && STDLIB.binary_search(&top).is_ok()
        && NOT_EVERYWHERE.binary_search(&top).is_err()
}

/// What Python finds for the top-level name `top` before any module of the repository, if
/// anything: Tecton appends the root to the end of `sys.path`, so a module already imported, one
/// of the standard library's, or `__main__` (the `tecton` command itself) wins.
pub fn shadowing(top: &str) -> Option<Shadow> {
    if is_preloaded(top) {
        Some(Shadow::Imported)
    } else if in_every_stdlib(top) {
        Some(Shadow::StandardLibrary)
    } else if top == "__main__" {
        Some(Shadow::Main)
    } else {
        None
    }
}

/// See [`shadowing`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shadow {
    Imported,
    StandardLibrary,
    Main,
}

/// The top-level modules one virtual environment can import.
#[derive(Clone, Debug)]
pub struct Environment {
    /// The virtual environment's folder.
    pub path: PathBuf,
    modules: HashSet<String>,
}

impl Environment {
    /// Reads the virtual environment at `venv`. `None` when it has no `site-packages`, when
    /// `tecton` is not installed there (then it is not where Tecton runs), or when a `.pth` file
    /// runs code (an import hook, as editable installs use, can provide any module).
    pub fn read(venv: &Path) -> Option<Environment> {
        let mut site_dirs: Vec<PathBuf> = fs::read_dir(venv.join("lib"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.starts_with("python"))
            })
            .map(|e| e.path().join("site-packages"))
            .collect();
        site_dirs.push(venv.join("Lib").join("site-packages"));
        site_dirs.retain(|d| d.is_dir());
        if site_dirs.is_empty() {
            return None;
        }
        let mut modules = HashSet::new();
        let mut folders = site_dirs.clone();
        for site in &site_dirs {
            for entry in fs::read_dir(site).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let Some(pth) = name.strip_suffix(".pth").map(|_| entry.path()) else {
                    continue;
                };
                // Not a plain read: a `.pth` that is a FIFO would block the run.
                let text = crate::source::read_regular_text(&pth).unwrap_or_default();
                for line in text.lines().map(str::trim) {
                    if line.starts_with("import ") || line.starts_with("import\t") {
                        return None;
                    }
                    if !line.is_empty() && !line.starts_with('#') {
                        folders.push(site.join(line));
                    }
                }
            }
        }
        for folder in &folders {
            for entry in fs::read_dir(folder).into_iter().flatten().flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(module) = module_name(&name, entry.path().is_dir()) {
                    modules.insert(module);
                }
            }
        }
        modules.contains("tecton").then(|| Environment {
            path: venv.to_path_buf(),
            modules,
        })
    }

    /// Whether `import top` finds a module here (installed, or in the standard library).
    pub fn has(&self, top: &str) -> bool {
        STDLIB.binary_search(&top).is_ok() || self.modules.contains(top)
    }
}

/// The module a `site-packages` entry provides: a package folder, `name.py`, or an extension
/// (`name.cpython-311-x86_64-linux-gnu.so`, `name.pyd`).
fn module_name(entry: &str, is_dir: bool) -> Option<String> {
    let stem = if is_dir {
        entry
    } else {
        let (stem, ext) = entry.split_once('.')?;
        let ext = ext.rsplit('.').next().unwrap_or(ext);
        if !matches!(ext, "py" | "pyc" | "so" | "pyd") {
            return None;
        }
        stem
    };
    let identifier = !stem.is_empty()
        && !stem.starts_with(|c: char| c.is_ascii_digit())
        && stem.chars().all(|c| c.is_alphanumeric() || c == '_');
    identifier.then(|| stem.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_lists_are_sorted_for_binary_search() {
        assert!(STDLIB.windows(2).all(|w| w[0] < w[1]));
        assert!(PRELOADED.windows(2).all(|w| w[0] < w[1]));
        assert!(is_preloaded("json") && is_preloaded("pandas") && !is_preloaded("features"));
        assert!(NOT_EVERYWHERE.windows(2).all(|w| w[0] < w[1]));
        assert!(NOT_EVERYWHERE
            .iter()
            .all(|m| STDLIB.binary_search(m).is_ok()));
        assert_eq!(shadowing("tkinter"), None);
        assert_eq!(shadowing("_thread"), None);
        assert_eq!(shadowing("statistics"), Some(Shadow::StandardLibrary));
        assert_eq!(shadowing("__main__"), Some(Shadow::Main));
        assert_eq!(shadowing("test"), None);
        assert_eq!(shadowing("features"), None);
    }

    #[test]
    fn site_packages_entries_name_their_modules() {
        assert_eq!(module_name("requests", true), Some("requests".into()));
        assert_eq!(module_name("six.py", false), Some("six".into()));
        assert_eq!(
            module_name("_cffi_backend.cpython-311-x86_64-linux-gnu.so", false),
            Some("_cffi_backend".into())
        );
        assert_eq!(module_name("requests-2.31.0.dist-info", true), None);
        assert_eq!(module_name("README.txt", false), None);
    }

    #[test]
    fn a_virtual_environment_without_tecton_or_with_an_import_hook_says_nothing() {
        let dir = std::env::temp_dir().join(format!("tp-env-{}", std::process::id()));
        let site = dir.join("lib/python3.11/site-packages");
        fs::create_dir_all(site.join("requests")).unwrap();
        assert!(Environment::read(&dir).is_none());
        fs::create_dir_all(site.join("tecton")).unwrap();
        let env = Environment::read(&dir).expect("an environment with tecton");
        assert!(env.has("requests") && env.has("json") && env.has("tecton"));
        assert!(!env.has("company_utils"));
        fs::write(
            site.join("__editable__.x.pth"),
            "import __editable___x_finder; __editable___x_finder.install()\n",
        )
        .unwrap();
        assert!(Environment::read(&dir).is_none());
        let _ = fs::remove_dir_all(&dir);
    }
}
