//! Mutation fuzzing without instrumentation: the targets of [`crate::fuzz_targets`] (the repo
//! config, one Python module, a small repository of modules that import each other, the SDK pin
//! files, the plan snapshot), each as an ignored test, so that `cargo test` builds them (cheaply)
//! but runs them only when asked:
//!
//! ```text
//! FUZZ_EXECS=1000000 cargo test --release --lib fuzz:: -- --ignored --nocapture
//! ```
//!
//! The coverage-guided fuzzers (`fuzz/`, run by `scripts/fuzz.sh`) find deeper problems; this one
//! needs no build of its own and replays the same seeds and tokens with a deterministic mutator
//! (bit flips, inserted, deleted, duplicated and spliced bytes, whole tokens). Every panic or slow
//! input (more than a second) is written to `target/fuzz-findings/<target>/` and fails the test.

use std::path::PathBuf;
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

/// Runs the target `name` on `FUZZ_EXECS` mutated inputs (default 10,000); panics and slow inputs
/// are saved and fail the test.
fn fuzz(name: &str) {
    let target = crate::fuzz_targets::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, target)| *target)
        .expect("a fuzz target of that name");
    let tokens = crate::fuzz_targets::tokens(name);
    let corpus = crate::fuzz_targets::seeds(name);
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

#[test]
#[ignore]
fn repo_config() {
    fuzz("repo_config");
}

#[test]
#[ignore]
fn python_module() {
    fuzz("python_module");
}

#[test]
#[ignore]
fn python_repository() {
    fuzz("python_repository");
}

#[test]
#[ignore]
fn pin_files() {
    fuzz("pin_files");
}

#[test]
#[ignore]
fn plan_snapshot() {
    fuzz("plan_snapshot");
}
