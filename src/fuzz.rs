//! Mutation fuzzing of the readers of outside input: the repo config, Python modules (one alone,
//! and a small repository whose modules import each other), the SDK pin files (requirements with
//! `-r` includes, `pyproject.toml`, `setup.cfg`) and the plan snapshot. Each target is an ignored
//! test, so `cargo test` builds it (cheaply) but runs it only when asked:
//!
//! ```text
//! FUZZ_EXECS=1000000 cargo test --release --lib fuzz:: -- --ignored --nocapture
//! ```
//!
//! The mutator works on stable Rust with no dependency: it starts from the matching files of
//! `test_repos/` and flips bits, inserts, deletes, duplicates and splices bytes and inserts tokens
//! of the format. It is not coverage-guided (no instrumentation feeds inputs back), so it finds
//! shallow crashes best. Every panic or slow input (more than a second) is written to
//! `target/fuzz-findings/<target>/` and fails the test; each one found becomes a `test_repos/`
//! fixture and a fix.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift), so a run can be repeated from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// The files under `test_repos/` whose name satisfies `wanted`, as seeds.
fn seeds(wanted: &dyn Fn(&Path) -> bool) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("test_repos")];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if wanted(&path) {
                if let Ok(bytes) = std::fs::read(&path) {
                    if bytes.len() < 64 * 1024 {
                        out.push(bytes);
                    }
                }
            }
        }
    }
    out.sort();
    out
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, corpus: &[Vec<u8>], tokens: &[&str]) {
    for _ in 0..=rng.below(4) {
        let len = input.len();
        match rng.below(7) {
            0 if len > 0 => {
                let at = rng.below(len);
                input[at] ^= 1 << rng.below(8);
            }
            1 => {
                let at = rng.below(len + 1);
                input.insert(at, rng.next() as u8);
            }
            2 if len > 0 => {
                let at = rng.below(len);
                let n = rng.below(len - at).min(16) + 1;
                input.drain(at..(at + n).min(len));
            }
            3 if len > 0 => {
                let at = rng.below(len);
                let n = rng.below(len - at).min(64) + 1;
                let chunk: Vec<u8> = input[at..(at + n).min(len)].to_vec();
                let to = rng.below(input.len() + 1);
                input.splice(to..to, chunk);
            }
            4 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let at = rng.below(other.len());
                    let n = rng.below(other.len() - at).min(128) + 1;
                    let to = rng.below(input.len() + 1);
                    input.splice(to..to, other[at..(at + n).min(other.len())].iter().copied());
                }
            }
            5 if !tokens.is_empty() => {
                let token = tokens[rng.below(tokens.len())];
                let to = rng.below(input.len() + 1);
                input.splice(to..to, token.bytes());
            }
            _ => {
                let at = rng.below(len + 1);
                let byte =
                    [b'\n', b' ', b'"', b'\'', b':', b'(', b')', b'[', b']', 0xff][rng.below(10)];
                input.insert(at, byte);
            }
        }
    }
    input.truncate(256 * 1024);
}

/// Runs `target` on `FUZZ_EXECS` mutated inputs (default 10,000); panics and slow inputs are saved
/// and fail the test.
fn fuzz(
    name: &str,
    wanted: &dyn Fn(&Path) -> bool,
    extra: &[&str],
    tokens: &[&str],
    target: &dyn Fn(&[u8]),
) {
    let mut corpus = seeds(wanted);
    corpus.extend(extra.iter().map(|s| s.as_bytes().to_vec()));
    assert!(!corpus.is_empty(), "no seeds for {name}");
    let execs: usize = std::env::var("FUZZ_EXECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let findings = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("fuzz-findings")
        .join(name);
    let mut rng = Rng(seed | 1);
    let mut problems = 0;
    let started = Instant::now();
    std::panic::set_hook(Box::new(|_| {}));
    for exec in 0..execs {
        let mut input = corpus[rng.below(corpus.len())].clone();
        mutate(&mut rng, &mut input, &corpus, tokens);
        let start = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target(&input)));
        let slow = start.elapsed() > Duration::from_secs(1);
        if outcome.is_err() || slow {
            problems += 1;
            let _ = std::fs::create_dir_all(&findings);
            let kind = if slow { "slow" } else { "panic" };
            let _ = std::fs::write(findings.join(format!("{kind}-{exec}")), &input);
        }
    }
    let _ = std::panic::take_hook();
    eprintln!(
        "fuzz {name}: {execs} executions in {:.0?}, {problems} crashes or slow inputs",
        started.elapsed()
    );
    assert_eq!(problems, 0, "see {}", findings.display());
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn named(name: &'static str) -> impl Fn(&Path) -> bool {
    move |p: &Path| p.file_name().is_some_and(|n| n == name)
}

#[test]
#[ignore]
fn repo_config() {
    let tokens = [
        "defaults:\n",
        "  batch_feature_view:\n",
        "    tecton_materialization_runtime: ",
        "&a ",
        "*a",
        "!!str ",
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
        "kind: ",
        "DatabricksClusterConfig\n",
        "0x1",
        "1.2",
        "~",
        "null",
        "yes",
    ];
    let versions: Vec<_> = ["0.8", "0.9", "1.0", "1.1", "1.2"]
        .iter()
        .filter_map(|v| crate::sdk::parse_version_arg(v).ok())
        .collect();
    fuzz("repo_config", &named("repo.yaml"), &[], &tokens, &|bytes| {
        let text = text(bytes);
        for sdk in versions.iter().map(Some).chain([None]) {
            let _ = crate::config::load(Path::new("/repo/repo.yaml"), &text, sdk);
        }
    });
}

const PYTHON_TOKENS: &[&str] = &[
    "from tecton import ",
    "import ",
    "batch_feature_view",
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
    "global x\n",
    "while True: pass\n",
    "x = x + x\n",
    "[x for x in x]",
    "...",
    "# tecton-preflight: ignore[TP202]",
];

fn is_python(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "py")
}

#[test]
#[ignore]
fn python_module() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("features.py");
    fuzz("python_module", &is_python, &[], PYTHON_TOKENS, &|bytes| {
        std::fs::write(&file, bytes).expect("write");
        let _ = crate::python::analyze(
            dir.path(),
            std::slice::from_ref(&file),
            &crate::source::Sources::default(),
            None,
            None,
        );
    });
}

#[test]
#[ignore]
fn python_repository() {
    // Three modules that import each other; the input replaces one of them in turn.
    let dir = tempfile::tempdir().expect("tempdir");
    let files: Vec<PathBuf> = ["common.py", "features/__init__.py", "features/views.py"]
        .iter()
        .map(|f| dir.path().join(f))
        .collect();
    std::fs::create_dir_all(dir.path().join("features")).expect("mkdir");
    let originals = [
        "from tecton import Entity\nRUNTIME = \"1.2.13\"\nuser = Entity(name=\"user\", join_keys=[\"id\"])\n",
        "from common import RUNTIME as R\nfrom .views import *\n",
        "from common import RUNTIME, user\nfrom features import R\nfrom tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[user], mode=\"spark_sql\", online=True, tecton_materialization_runtime=RUNTIME)\ndef v(x):\n    return x\n",
    ];
    let turn = std::cell::Cell::new(0usize);
    fuzz(
        "python_repository",
        &is_python,
        &[],
        PYTHON_TOKENS,
        &|bytes| {
            let which = turn.get() % files.len();
            turn.set(turn.get() + 1);
            for (i, (file, original)) in files.iter().zip(originals).enumerate() {
                let content = if i == which {
                    bytes
                } else {
                    original.as_bytes()
                };
                std::fs::write(file, content).expect("write");
            }
            let sdk = crate::sdk::parse_version_arg("1.2").ok();
            let api = sdk.as_ref().and_then(|v| {
                crate::sdk::api::for_version(v).map(|api| crate::python::Api {
                    api,
                    minor: v.minor,
                })
            });
            let _ = crate::python::analyze(
                dir.path(),
                &files,
                &crate::source::Sources::default(),
                api,
                None,
            );
        },
    );
}

#[test]
#[ignore]
fn pin_files() {
    // The input is written as each pin file in turn; requirements.txt includes another file with
    // `-r`, which includes the first back (a cycle the reader must stop).
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("repo");
    std::fs::create_dir_all(&root).expect("mkdir");
    let names = ["requirements.txt", "pyproject.toml", "setup.cfg"];
    let turn = std::cell::Cell::new(0usize);
    let tokens = [
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
        "other.txt",
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
    let wanted = |p: &Path| {
        p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
            n.ends_with(".txt") && n.contains("requirements")
                || n == "pyproject.toml"
                || n == "setup.cfg"
        })
    };
    fuzz("pin_files", &wanted, &[], &tokens, &|bytes| {
        for name in names {
            let _ = std::fs::remove_file(root.join(name));
        }
        let name = names[turn.get() % names.len()];
        turn.set(turn.get() + 1);
        std::fs::write(root.join(name), bytes).expect("write");
        std::fs::write(
            root.join("other.txt"),
            "-r requirements.txt\ntecton==1.2.3\n",
        )
        .expect("write");
        let env = crate::sdk::DetectEnv {
            virtual_env: None,
            stop: crate::sdk::Stop::At(root.clone()),
        };
        let _ = crate::sdk::detect(&root, None, &env);
    });
}

/// A `check --format json` document of one root, the seed the JSON files of `test_repos/` lack.
const SNAPSHOT: &str = r#"{"schema":"tecton-preflight/check/v1","roots":[{"path":"repo","sdk":{"version":"1.2","source":"repo/requirements.txt"},"repo_config":"repo/repo.yaml","objects":[{"kind":"batch_feature_view","name":"v","file":"repo/f.py","line":3,"online":true,"offline":false,"materialized":true,"compute":"spark","runtime":{"value":"1.2.13","origin":"explicit"},"environment":null}]}],"diagnostics":[],"summary":{"roots":1,"files":1,"objects":1,"errors":0,"warnings":0,"infos":0}}"#;

#[test]
#[ignore]
fn plan_snapshot() {
    let tokens = [
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
        "null",
        "true",
        "1e999",
        "-0",
        "\"\\u0000\"",
        "\"schema\"",
        "\"tecton-preflight/check/v1\"",
    ];
    let wanted = |p: &Path| p.extension().is_some_and(|e| e == "json");
    fuzz("plan_snapshot", &wanted, &[SNAPSHOT], &tokens, &|bytes| {
        let _ = crate::plan::snapshot::read(&text(bytes));
    });
}
