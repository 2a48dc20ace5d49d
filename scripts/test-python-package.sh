#!/usr/bin/env bash
# The Python package end to end: build the wheel the way `pip install .` does (PEP 517, maturin
# from PyPI), install it into a fresh virtual environment, and run the `tecton-preflight` it puts
# on that environment's PATH. Exits non-zero on any mismatch.
#
# Needs Rust (cargo) and Python 3.8+ with venv; pip fetches maturin from PyPI.
# The crate is compiled once, in release mode, into $CARGO_TARGET_DIR (default: the checkout's
# target/), so the dependencies of an earlier `cargo build --release` are reused.
# PYTHON picks the interpreter (default python3).
set -euo pipefail

checkout=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$checkout/target}
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

fail() { echo "test-python-package: FAIL: $*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo (Rust) is required to build the wheel"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 8))' || fail "$python is older than 3.8"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tp-pypkg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The version every artefact must carry: the [package] version of Cargo.toml.
cargo_version=$(sed -n '/^\[package\]/,/^\[/{s/^version *= *"\(.*\)"/\1/p}' "$checkout/Cargo.toml" | head -n1)
[ -n "$cargo_version" ] || fail "no version in Cargo.toml"
echo "== Cargo.toml version: $cargo_version"

# 1. Build the wheel as `pip install .` would (isolated build env with maturin from PyPI).
echo "== building the wheel (CARGO_TARGET_DIR=$CARGO_TARGET_DIR)"
"$python" -m venv "$tmp/build-venv"
start=$(date +%s)
"$tmp/build-venv/bin/python" -m pip wheel --quiet --no-deps "$checkout" -w "$tmp/dist" \
  || fail "pip wheel failed"
echo "   built in $(($(date +%s) - start)) s"
shopt -s nullglob
wheels=("$tmp"/dist/tecton_preflight-*.whl)
[ "${#wheels[@]}" -eq 1 ] || fail "expected one tecton_preflight wheel, found: ${wheels[*]:-none}"
wheel=${wheels[0]}
echo "   $(basename "$wheel")"
case $(basename "$wheel") in
  "tecton_preflight-$cargo_version-"*) ;;
  *) fail "wheel version does not match Cargo.toml's $cargo_version" ;;
esac

# 2. A fresh virtual environment, the wheel installed alone (no index).
echo "== installing into a fresh venv"
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --no-index "$wheel" || fail "pip install of the wheel failed"
bin="$tmp/venv/bin/tecton-preflight"
[ -x "$bin" ] || fail "the wheel did not install $bin"

# The binary is found through the environment's PATH (as `source venv/bin/activate` sets it),
# from a directory outside the checkout.
cd "$tmp"
export PATH="$tmp/venv/bin:$PATH"
[ "$(command -v tecton-preflight)" = "$bin" ] || fail "tecton-preflight on PATH is $(command -v tecton-preflight), not $bin"

# 3. --version
version_out=$(tecton-preflight --version) || fail "tecton-preflight --version exited $?"
echo "   $version_out"
[ "$version_out" = "tecton-preflight $cargo_version" ] || fail "--version printed '$version_out'"

# 4. The bundled example: exactly its one TP202, exit 1.
set +e
out=$(tecton-preflight check "$checkout/test_repos/example" --format concise 2>&1)
status=$?
set -e
printf '%s\n' "$out"
[ "$status" -eq 1 ] || fail "check of the example exited $status, expected 1"
grep -q 'user_recent_transactions\.py:31:36: TP202 ' <<<"$out" || fail "the example's TP202 is missing"

# 5. The example with that runtime fixed: exit 0.
cp -R "$checkout/test_repos/example" "$tmp/clean"
sed -i.bak 's/tecton_materialization_runtime="1\.1\.5"/tecton_materialization_runtime="1.2.13"/' \
  "$tmp/clean/features/stream_features/user_recent_transactions.py"
rm -f "$tmp/clean/features/stream_features/user_recent_transactions.py.bak"
set +e
out=$(tecton-preflight check "$tmp/clean" --format concise 2>&1)
status=$?
set -e
printf '%s\n' "$out"
[ "$status" -eq 0 ] || fail "check of the fixed example exited $status, expected 0"

echo "test-python-package: OK"
