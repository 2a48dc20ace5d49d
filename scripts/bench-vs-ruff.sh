#!/usr/bin/env bash
# Times `tecton-preflight check` against `ruff check` on the same files: a generated repository of
# N files (default 2000; the generator is the one `cargo bench` uses) or any repository given as $1.
# Needs ruff (pip install ruff) and, for a fair comparison, hyperfine (apt-get install hyperfine);
# falls back to a plain loop of `time` when hyperfine is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=$PWD/target/release/tecton-preflight
if [[ $# -ge 1 ]]; then
  REPO=$1
else
  REPO=$(mktemp -d)/repo
  N=${N:-2000}
  cargo run --release --quiet --example generate -- "$REPO" "$N"
fi
RUFF=$(command -v ruff || true)
[[ -n "$RUFF" ]] || { echo "ruff not found: pip install ruff" >&2; exit 2; }
echo "repository: $REPO ($(find "$REPO" -name '*.py' | wc -l) Python files)"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 -N -i \
    "$BIN check $REPO --format concise --quiet" \
    "$RUFF check --no-cache --quiet --exit-zero $REPO"
else
  for cmd in "$BIN check $REPO --format concise --quiet" "$RUFF check --no-cache --quiet --exit-zero $REPO"; do
    echo "== $cmd"; for _ in 1 2 3; do /usr/bin/time -f "%e s" $cmd >/dev/null || true; done
  done
fi
