#!/usr/bin/env bash
# Coverage-guided fuzzing with libFuzzer on the stable toolchain.
#
#   scripts/fuzz.sh TARGET [EXECS] [LIBFUZZER-FLAG...]   build TARGET and run it EXECS times
#   scripts/fuzz.sh build                                build every target
#   scripts/fuzz.sh list                                 name the targets
#
# TARGET is one of repo_config, python_module, python_repository, pin_files, plan_snapshot (the
# functions of src/fuzz_targets.rs; fuzz/fuzz_targets/ wraps each in a libFuzzer binary).
# EXECS defaults to 1,000,000. Stable Rust cannot use `-Zsanitizer`, so the script passes LLVM's
# sanitizer-coverage pass itself (the flags `cargo fuzz build -s none` would pass): 8-bit edge
# counters, the PC table and comparison tracing feed libFuzzer; debug assertions and overflow
# checks stay on so that an arithmetic overflow is a crash. Needs a C++ compiler (libfuzzer-sys
# builds libFuzzer from source).
#
# Each run starts from the target's seeds (the matching files of test_repos/, written by the
# binary itself) and the corpus kept from earlier runs in fuzz/corpus/TARGET/, with a dictionary
# of the format's tokens. A crash, a panic, an input that runs longer than a second, or one that
# makes the process grow past 2 GiB stops the run and is written to fuzz/artifacts/TARGET/;
# `scripts/fuzz.sh TARGET 0 -minimize_crash=1 -runs=10000 fuzz/artifacts/TARGET/crash-...`
# shrinks it, and passing the file alone replays it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

targets=(repo_config python_module python_repository pin_files plan_snapshot)
host=$(rustc -vV | sed -n 's/^host: //p')
export CARGO_TARGET_DIR="$root/fuzz/target"
export RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks"

build() {
  # `--target` keeps RUSTFLAGS off build scripts and proc macros, which must not be instrumented.
  local bins=()
  for t in "$@"; do bins+=(--bin "$t"); done
  (cd fuzz && cargo build --release --locked --target "$host" "${bins[@]}")
}

case "${1:-}" in
  list) printf '%s\n' "${targets[@]}"; exit 0 ;;
  build) build "${targets[@]}"; exit 0 ;;
  "" | -*) sed -n '2,8p' "$0" >&2; exit 2 ;;
esac

target=$1
execs=${2:-1000000}
shift $(($# < 2 ? $# : 2))
if [[ " ${targets[*]} " != *" $target "* ]]; then
  echo "unknown target $target; one of: ${targets[*]}" >&2
  exit 2
fi

build "$target"
bin="$CARGO_TARGET_DIR/$host/release/$target"
work="$CARGO_TARGET_DIR/fuzz-work/$target"
mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
# The targets rewrite their files for every input: in memory (/dev/shm) when the machine has it,
# several times faster than a disk. The folder goes when the run ends.
base=/dev/shm
[[ -d $base && -w $base ]] || base="$work"
mkdir -p "$base"
TMPDIR=$(mktemp -d "$base/tecton-preflight-fuzz.XXXXXX")
export TMPDIR
trap 'rm -rf "$TMPDIR"' EXIT
# One thread: the fuzzer runs one input at a time, and a pool would only add wake-ups.
export RAYON_NUM_THREADS=1
# The instrumented build runs the interpreter about ten times slower than the release binary, so
# the inputs that exhaust its budgets (test_repos/interpreter_limits: 0.15 to 0.3 s released) take
# seconds here: the Python targets stop at 10 s, and save every input slower than any before past
# 1 s (`slow-unit-*`), to be timed with the release binary, where more than a second is a hang.
case $target in
  python_*) limits=(-timeout=10 -report_slow_units=1) ;;
  *) limits=(-timeout=1) ;;
esac

# Replaying or minimising given inputs: no seeds, no corpus.
for arg in "$@"; do
  if [[ $arg != -* ]]; then
    "$bin" "${limits[@]}" -rss_limit_mb=2048 "$@"
    exit
  fi
done

TECTON_PREFLIGHT_FUZZ_EXPORT="$work" "$bin"
"$bin" "fuzz/corpus/$target" "$work/seeds" \
  -dict="$work/$target.dict" \
  -artifact_prefix="fuzz/artifacts/$target/" \
  "${limits[@]}" -rss_limit_mb=2048 -max_len=65536 \
  -runs="$execs" -print_final_stats=1 "$@"
