//! The bodies of the fuzz targets, written once and run by both fuzzers: the coverage-guided
//! libFuzzer binaries of `fuzz/` (see `scripts/fuzz.sh`) and the mutation tests of `src/fuzz.rs`.
//! Each target takes arbitrary bytes and must return without panicking, hanging or exhausting
//! memory, whatever they hold. Targets whose reader takes files write them into a temporary
//! folder made once per process (the fuzzers run one input at a time), and run on threads with
//! the program's stacks ([`crate::WORKER_STACK`]). Not part of the API.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The line that splits one input into several files (a comment in every format fuzzed here, so
/// that a seed without it is one file as it stands).
pub const SEPARATOR: &str = "#--next--";

/// The parts of `bytes` between [`SEPARATOR`] lines.
pub fn split(bytes: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut line = 0;
    while line <= bytes.len() {
        let end = bytes[line..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(bytes.len(), |i| line + i);
        if &bytes[line..end] == SEPARATOR.as_bytes() {
            // The part ends before the newline that ends its last line.
            parts.push(&bytes[start..line.saturating_sub(1).max(start)]);
            start = (end + 1).min(bytes.len());
        }
        line = end + 1;
    }
    parts.push(&bytes[start..]);
    parts
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The process's scratch folder. It lives as long as the process; the fuzz script points
/// `TMPDIR` into `target/` so that what a killed run leaves behind stays there.
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("tecton-preflight-fuzz-")
            .tempdir()
            .expect("a temporary folder for the fuzz target");
        dir.keep()
    })
}

/// A subfolder of the scratch folder for one target, emptied of nothing (each target rewrites the
/// files it uses).
fn folder(name: &str) -> PathBuf {
    let dir = scratch().join(name);
    std::fs::create_dir_all(&dir).expect("a folder for the fuzz target");
    dir
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).expect("the fuzz target writes its input");
}

/// Runs `work` the way the program runs its analysis: on a worker of a rayon pool of its own,
/// whose threads have [`crate::WORKER_STACK`]. A panic on that thread is raised again here, so
/// that the fuzzer sees it.
fn on_program_stack(work: impl FnOnce() + Send) {
    static POOL: OnceLock<rayon::ThreadPool> = OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(crate::WORKER_STACK)
            .build()
            .expect("a thread pool for the fuzz target")
    })
    .install(work);
}

/// `repo.yaml`: the input read against every SDK's schema, and against none.
pub fn repo_config(bytes: &[u8]) {
    static VERSIONS: OnceLock<Vec<crate::sdk::SdkVersion>> = OnceLock::new();
    let versions = VERSIONS.get_or_init(|| {
        ["0.7", "0.8", "0.9", "1.0", "1.1", "1.2", "1.3"]
            .iter()
            .filter_map(|v| crate::sdk::parse_version_arg(v).ok())
            .collect()
    });
    let text = text(bytes);
    on_program_stack(|| {
        for sdk in versions.iter().map(Some).chain([None]) {
            let _ = crate::config::load(Path::new("/repo/repo.yaml"), &text, sdk);
        }
    });
}

/// One Python module, analysed alone (no SDK known).
pub fn python_module(bytes: &[u8]) {
    let dir = folder("python_module");
    let file = dir.join("features.py");
    write(&file, bytes);
    on_program_stack(|| {
        let _ = crate::python::analyze(
            &dir,
            std::slice::from_ref(&file),
            &crate::source::Sources::default(),
            None,
            None,
            true,
        );
    });
}

/// The three modules of [`python_repository`] as they stand when the input leaves them alone.
pub const REPOSITORY_MODULES: [(&str, &str); 3] = [
    (
        "common.py",
        "from tecton import Entity\nRUNTIME = \"1.2.13\"\nuser = Entity(name=\"user\", join_keys=[\"id\"])\n",
    ),
    (
        "features/__init__.py",
        "from common import RUNTIME as R\nfrom .views import *\n",
    ),
    (
        "features/views.py",
        "from common import RUNTIME, user\nfrom features import R\nfrom tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[user], mode=\"spark_sql\", online=True, tecton_materialization_runtime=RUNTIME)\ndef v(x):\n    return x\n",
    ),
];

/// A repository of three modules that import each other, analysed against the SDK 1.2 API. The
/// input's parts (split at [`SEPARATOR`] lines) replace the modules in order; an empty part, or
/// a missing one, leaves its module as it stands.
pub fn python_repository(bytes: &[u8]) {
    static API: OnceLock<Option<crate::python::Api>> = OnceLock::new();
    let api = *API.get_or_init(|| {
        let sdk = crate::sdk::parse_version_arg("1.2").ok()?;
        crate::sdk::api::for_version(&sdk).map(|api| crate::python::Api {
            api,
            minor: sdk.minor,
        })
    });
    let dir = folder("python_repository");
    std::fs::create_dir_all(dir.join("features")).expect("a folder for the fuzz target");
    let parts = split(bytes);
    let files: Vec<PathBuf> = REPOSITORY_MODULES
        .iter()
        .enumerate()
        .map(|(i, (name, original))| {
            let path = dir.join(name);
            match parts.get(i) {
                Some(part) if !part.is_empty() => write(&path, part),
                _ => write(&path, original.as_bytes()),
            }
            path
        })
        .collect();
    on_program_stack(|| {
        let _ = crate::python::analyze(
            &dir,
            &files,
            &crate::source::Sources::default(),
            api,
            None,
            true,
        );
    });
}

/// The pin files of [`pin_files`], in the order the input's parts fill them.
pub const PIN_FILES: [&str; 4] = [
    "requirements.txt",
    "pyproject.toml",
    "setup.cfg",
    "requirements/base.txt",
];

/// What `requirements/base.txt` holds when the input leaves it empty: it includes
/// `requirements.txt` back (a cycle the reader must stop).
const BASE_REQUIREMENTS: &str = "-r ../requirements.txt\ntecton==1.2.3\n";

/// The SDK detection of a root whose pin files are the input's parts (split at [`SEPARATOR`]
/// lines) in the order of [`PIN_FILES`]; an empty or missing part means no such file, except for
/// the included `requirements/base.txt`, which then holds [`BASE_REQUIREMENTS`].
pub fn pin_files(bytes: &[u8]) {
    let root = folder("pin_files");
    std::fs::create_dir_all(root.join("requirements")).expect("a folder for the fuzz target");
    let parts = split(bytes);
    for (i, name) in PIN_FILES.iter().enumerate() {
        let path = root.join(name);
        match parts.get(i) {
            Some(part) if !part.is_empty() => write(&path, part),
            _ if i == 3 => write(&path, BASE_REQUIREMENTS.as_bytes()),
            _ => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    let env = crate::sdk::DetectEnv {
        virtual_env: None,
        stop: crate::sdk::Stop::At(root.clone()),
    };
    on_program_stack(|| {
        let detection = crate::sdk::detect(&root, None, &env);
        if let Some(sdk) = &detection.sdk {
            let _ = crate::sdk::contradicting_pin(&root, sdk, &env);
        }
    });
}

/// A `check --format json` document of one root, the seed the JSON files of `test_repos/` lack.
pub const SNAPSHOT_SEED: &str = r#"{"schema":"tecton-preflight/check/v1","roots":[{"path":"repo","sdk":{"version":"1.2","source":"repo/requirements.txt"},"repo_config":"repo/repo.yaml","objects":[{"kind":"batch_feature_view","name":"v","file":"repo/f.py","line":3,"online":true,"offline":false,"materialized":true,"compute":"spark","runtime":{"value":"1.2.13","origin":"explicit"},"environment":null}]}],"diagnostics":[],"summary":{"roots":1,"files":1,"objects":1,"errors":0,"warnings":0,"infos":0}}"#;

/// The plan's reader of a base snapshot (`check --format json` output).
pub fn plan_snapshot(bytes: &[u8]) {
    let text = text(bytes);
    on_program_stack(|| {
        let _ = crate::plan::snapshot::read(&text);
    });
}

/// A fuzz target: it takes any bytes and must return.
pub type Target = fn(&[u8]);

/// Every target by name, for the runners.
pub const TARGETS: [(&str, Target); 5] = [
    ("repo_config", repo_config),
    ("python_module", python_module),
    ("python_repository", python_repository),
    ("pin_files", pin_files),
    ("plan_snapshot", plan_snapshot),
];

const YAML_TOKENS: &[&str] = &[
    "defaults:\n",
    "  batch_feature_view:\n",
    "  stream_feature_view:\n",
    "  feature_table:\n",
    "    tecton_materialization_runtime: ",
    "    online_store:\n",
    "    offline_store:\n",
    "    batch_compute:\n",
    "      kind: ",
    "DatabricksClusterConfig\n",
    "&a ",
    "*a",
    "!!str ",
    "!!int ",
    "? ",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "<<: ",
    "---\n",
    "...\n",
    "|\n",
    ">-\n",
    "\t",
    "#",
    "0x1",
    "1.2",
    "1.2.13",
    "~",
    "null",
    "yes",
    "%YAML 1.2\n",
    "\"\\u0000\"",
];

const PYTHON_TOKENS: &[&str] = &[
    "#--next--\n",
    "from tecton import ",
    "import ",
    "batch_feature_view",
    "stream_feature_view",
    "Entity(name=",
    "@",
    "def f(*a, **k):\n",
    "lambda: ",
    "tecton_materialization_runtime=",
    "\"1.2.13\"",
    "f\"{x}\"",
    "for x in range(9):\n    ",
    "if True:\n    ",
    "class A:\n    ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "**",
    "*",
    ",",
    ":",
    "=",
    "\\\n",
    "    ",
    "\t",
    "from . import ",
    "from .. import x\n",
    "from common import ",
    "from features import ",
    "global x\n",
    "while True: pass\n",
    "x = x + x\n",
    "[x for x in x]",
    "...",
    "# tecton-preflight: ignore[TP202]",
];

const PIN_TOKENS: &[&str] = &[
    "#--next--\n",
    "tecton",
    "[pyspark]",
    "~=",
    "==",
    ">=",
    "<",
    ",",
    ";",
    "python_version < \"3.9\"",
    "-r ",
    "-c ",
    "--requirement=",
    "base.txt",
    "requirements/base.txt",
    "../requirements.txt",
    "\n",
    "[project]\n",
    "dependencies = [",
    "]",
    "[tool.poetry.dependencies]\n",
    "tecton = ",
    "{version = \"^1.2\"}",
    "[options]\n",
    "install_requires =\n    ",
    "\\\n",
    "#",
    "1.2.0",
    "0.9.*",
    "@ git+https://x",
];

const JSON_TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"roots\"",
    "\"objects\"",
    "\"path\"",
    "\"kind\"",
    "\"batch_feature_view\"",
    "\"name\"",
    "\"runtime\"",
    "\"value\"",
    "\"origin\"",
    "null",
    "true",
    "1e999",
    "-0",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"schema\"",
    "\"tecton-preflight/check/v1\"",
];

/// The tokens of the target's format, which the fuzzers insert whole.
pub fn tokens(target: &str) -> &'static [&'static str] {
    match target {
        "repo_config" => YAML_TOKENS,
        "python_module" | "python_repository" => PYTHON_TOKENS,
        "pin_files" => PIN_TOKENS,
        "plan_snapshot" => JSON_TOKENS,
        _ => &[],
    }
}

/// The first inputs of the target: the matching files of `test_repos/` (each file that the
/// target splits into parts once for each part it may fill), and for the snapshot reader a
/// document of its own (the fixtures hold few). Files of 64 KiB or more are left out.
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let test_repos = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_repos");
    let name_of = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_string()
    };
    // For each file: the number of separators to put before it, so that it fills its part.
    let parts = |p: &Path| -> Vec<usize> {
        let name = name_of(p);
        match target {
            "repo_config" if name == "repo.yaml" => vec![0],
            "python_module" if name.ends_with(".py") => vec![0],
            "python_repository" if name.ends_with(".py") => vec![0, 1, 2],
            "pin_files" if name.starts_with("requirements") && name.ends_with(".txt") => {
                vec![0, 3]
            }
            "pin_files" if name == "pyproject.toml" => vec![1],
            "pin_files" if name == "setup.cfg" => vec![2],
            "plan_snapshot" if name.ends_with(".json") => vec![0],
            _ => Vec::new(),
        }
    };
    let mut out = Vec::new();
    let mut stack = vec![test_repos];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let wanted = parts(&path);
            if wanted.is_empty() {
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            if bytes.len() >= 64 * 1024 {
                continue;
            }
            for before in wanted {
                let mut seed = format!("{SEPARATOR}\n").repeat(before).into_bytes();
                seed.extend_from_slice(&bytes);
                out.push(seed);
            }
        }
    }
    if target == "plan_snapshot" {
        out.push(SNAPSHOT_SEED.as_bytes().to_vec());
    }
    out.sort();
    out.dedup();
    out
}

/// Writes the target's seeds into `dir/seeds/` and its tokens as a libFuzzer dictionary
/// `dir/<target>.dict`, for the fuzz script, when the environment variable
/// `TECTON_PREFLIGHT_FUZZ_EXPORT` names `dir`; then ends the process. Without the variable it
/// does nothing (the libFuzzer binaries call it as they start).
pub fn export_if_asked(target: &str) {
    let Some(dir) = std::env::var_os("TECTON_PREFLIGHT_FUZZ_EXPORT").map(PathBuf::from) else {
        return;
    };
    let seeds_dir = dir.join("seeds");
    let _ = std::fs::remove_dir_all(&seeds_dir);
    std::fs::create_dir_all(&seeds_dir).expect("the export folder");
    let seeds = seeds(target);
    for (i, seed) in seeds.iter().enumerate() {
        write(&seeds_dir.join(format!("seed-{i:05}")), seed);
    }
    let mut dict = String::new();
    for token in tokens(target) {
        dict.push('"');
        for byte in token.bytes() {
            match byte {
                b' '..=b'~' if byte != b'"' && byte != b'\\' => dict.push(byte as char),
                _ => dict.push_str(&format!("\\x{byte:02x}")),
            }
        }
        dict.push_str("\"\n");
    }
    write(&dir.join(format!("{target}.dict")), dict.as_bytes());
    eprintln!(
        "{target}: {} seeds and {} tokens written to {}",
        seeds.len(),
        tokens(target).len(),
        dir.display()
    );
    std::process::exit(0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_at_separator_lines_only() {
        assert_eq!(split(b"a\nb"), vec![&b"a\nb"[..]]);
        assert_eq!(split(b""), vec![&b""[..]]);
        assert_eq!(
            split(b"a\n#--next--\nb\n#--next--\n"),
            vec![&b"a"[..], &b"b"[..], &b""[..]]
        );
        assert_eq!(split(b"#--next--\nx"), vec![&b""[..], &b"x"[..]]);
        assert_eq!(split(b"a #--next--\nx"), vec![&b"a #--next--\nx"[..]]);
        assert_eq!(split(b"#--next--"), vec![&b""[..], &b""[..]]);
    }

    /// A panic on the program's stack reaches the fuzzer, which reports it as a crash.
    #[test]
    #[should_panic(expected = "reaches the caller")]
    fn a_panic_on_the_program_stack_reaches_the_caller() {
        on_program_stack(|| panic!("reaches the caller"));
    }

    /// Every target has seeds and tokens, and runs on its smallest seed and on an empty input.
    #[test]
    fn every_target_is_seeded_and_runs() {
        for (name, target) in TARGETS {
            let seeds = seeds(name);
            assert!(!seeds.is_empty(), "no seeds for {name}");
            assert!(!tokens(name).is_empty(), "no tokens for {name}");
            let smallest = seeds.iter().min_by_key(|s| s.len()).expect("a seed");
            target(smallest);
            target(b"");
        }
    }
}
