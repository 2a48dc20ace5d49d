#!/usr/bin/env bash
# The pre-commit hook end to end, with the real `pre-commit` (from PyPI, in a venv under a temporary
# directory) on temporary git repositories made from test_repos/example. Exits non-zero on any
# mismatch.
#
# Needs Rust (cargo), Python 3.8+ with venv, and git. pre-commit installs the hook as users get it:
# `language: python`, so it pip-installs a snapshot of this checkout, which builds the binary with
# maturin. `pre-commit try-repo` takes only committed and *tracked* changed files of a repository, so
# the hook repository is a fresh git repository holding the checkout's current files (tracked and
# untracked, minus what .gitignore ignores): the test covers the working tree as it is.
# The crate's dependencies are compiled into $CARGO_TARGET_DIR (default: the checkout's target/),
# so an earlier `cargo build --release` is reused; the crate itself is compiled once per hook
# environment (three here: one per try-repo call, which installs into a store of its own, and one
# for the configured-hook runs). PYTHON picks the interpreter (default python3).
set -euo pipefail

checkout=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-python3}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$checkout/target}
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

fail() { echo "test-pre-commit: FAIL: $*" >&2; exit 1; }

command -v cargo >/dev/null || fail "cargo (Rust) is required: the hook builds the binary"
command -v git >/dev/null || fail "git is required"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 8))' || fail "$python is older than 3.8"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tp-precommit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" # nothing below runs in the checkout (no hook may be installed into its .git)

# Git that neither reads the user's configuration (hooksPath, signing) nor needs an identity.
printf '[user]\n\tname = test\n\temail = test@example.invalid\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n' >"$tmp/gitconfig"
export GIT_CONFIG_GLOBAL="$tmp/gitconfig" GIT_CONFIG_NOSYSTEM=1
export PRE_COMMIT_HOME="$tmp/pre-commit-home"
unset PRE_COMMIT_COLOR NO_COLOR

echo "== installing pre-commit into $tmp/venv"
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet pre-commit || fail "pip install pre-commit failed"
pre_commit="$tmp/venv/bin/pre-commit"
"$pre_commit" --version

# The hook repository: a snapshot of the checkout's working tree.
hook_repo="$tmp/hook-repo"
mkdir "$hook_repo"
if git -C "$checkout" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  (cd "$checkout" && git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' f; do if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi; done |
    tar --null -T - -cf -) | tar -xf - -C "$hook_repo"
else
  (cd "$checkout" && tar --exclude=./target --exclude=./.git -cf - .) | tar -xf - -C "$hook_repo"
fi
git -C "$hook_repo" init -q
git -C "$hook_repo" add -A
git -C "$hook_repo" commit -q -m snapshot
rev=$(git -C "$hook_repo" rev-parse HEAD)
"$pre_commit" validate-manifest "$hook_repo/.pre-commit-hooks.yaml" || fail "invalid .pre-commit-hooks.yaml"

bad_file=features/stream_features/user_recent_transactions.py

# A git repository holding a copy of the example (one TP202, in $bad_file); with $1 = clean, that
# runtime is fixed so the repository has no finding.
make_user_repo() {
  local dir=$1
  cp -R "$checkout/test_repos/example" "$dir"
  rm -f "$dir/expected.out" "$dir/.oracle.json" "$dir/args"
  if [ "${2:-}" = clean ]; then fix_runtime "$dir"; fi
  git -C "$dir" init -q
  git -C "$dir" add -A
  git -C "$dir" commit -q -m init
}
fix_runtime() {
  sed -i.bak 's/tecton_materialization_runtime="1\.1\.5"/tecton_materialization_runtime="1.2.13"/' "$1/$bad_file"
  rm -f "$1/$bad_file.bak"
  grep -q 'tecton_materialization_runtime="1\.2\.13"' "$1/$bad_file" || fail "could not fix the runtime in $1/$bad_file"
}

# expect pass|fail NAME DIR COMMAND...: run COMMAND in DIR, check its status, keep its output in
# $out for further checks.
expect() {
  local want=$1 name=$2 dir=$3 status start
  shift 3
  echo "== $name (expect $want)"
  start=$(date +%s)
  set +e
  out=$(cd "$dir" && "$@" </dev/null 2>&1)
  status=$?
  set -e
  printf '%s\n' "$out" | sed 's/^/   | /'
  echo "   exit $status, $(($(date +%s) - start)) s"
  case $want in
    pass) [ "$status" -eq 0 ] || fail "$name: exit $status, expected 0" ;;
    fail) [ "$status" -ne 0 ] || fail "$name: exit 0, expected a failure" ;;
  esac
}
expect_tp202() {
  if ! grep -q 'TP202' <<<"$out" || ! grep -q 'user_recent_transactions\.py' <<<"$out"; then
    fail "$1: the output does not show the TP202 in $bad_file"
  fi
}

# 1. The hook configured as users configure it (.pre-commit-config.yaml with repo and rev).
make_user_repo "$tmp/user"
cat >"$tmp/user/.pre-commit-config.yaml" <<EOF
repos:
  - repo: $hook_repo
    rev: $rev
    hooks:
      - id: tecton-preflight
EOF
git -C "$tmp/user" add .pre-commit-config.yaml
git -C "$tmp/user" commit -q -m "pre-commit config"

expect fail "configured hook, --files $bad_file" "$tmp/user" \
  "$pre_commit" run tecton-preflight --files "$bad_file"
expect_tp202 "configured hook, --files $bad_file"

# Only the findings of the named files (and of repo.yaml) are reported: the TP202 is elsewhere.
expect pass "configured hook, --files entities.py features/batch_features/user_credit_score.py repo.yaml" \
  "$tmp/user" "$pre_commit" run tecton-preflight --files entities.py features/batch_features/user_credit_score.py repo.yaml
if grep -q 'TP202' <<<"$out"; then fail "a finding outside the named files was reported"; fi

# A commit through the installed git hook: a change to the bad file is refused, its fix accepted,
# and a commit touching no matching file skips the hook.
(cd "$tmp/user" && "$pre_commit" install --install-hooks >/dev/null) || fail "pre-commit install failed"
[ -x "$tmp/user/.git/hooks/pre-commit" ] || fail "pre-commit install wrote no hook into $tmp/user"
echo "# touched" >>"$tmp/user/$bad_file"
git -C "$tmp/user" add "$bad_file"
expect fail "git commit of $bad_file (installed hook)" "$tmp/user" git commit -m "touch the bad file"
expect_tp202 "git commit of $bad_file"
fix_runtime "$tmp/user"
git -C "$tmp/user" add "$bad_file"
expect pass "git commit with the runtime fixed (installed hook)" "$tmp/user" git commit -m "fix the runtime"
grep -q 'tecton-preflight.*Passed' <<<"$out" || fail "the hook did not run on the fixed file"
echo "notes" >"$tmp/user/NOTES.md"
git -C "$tmp/user" add NOTES.md
expect pass "git commit of a non-matching file (installed hook)" "$tmp/user" git commit -m "notes"
grep -q 'tecton-preflight.*no files to check.*Skipped' <<<"$out" || fail "the hook should be skipped for NOTES.md"

# 2. `pre-commit try-repo`, as the issue specifies: the example fails with its TP202, the fixed copy
# passes.
make_user_repo "$tmp/example"
expect fail "try-repo on the example, --all-files" "$tmp/example" \
  "$pre_commit" try-repo "$hook_repo" tecton-preflight --all-files
expect_tp202 "try-repo on the example"

make_user_repo "$tmp/clean" clean
expect pass "try-repo on the fixed example, --all-files" "$tmp/clean" \
  "$pre_commit" try-repo "$hook_repo" tecton-preflight --all-files
grep -q 'tecton-preflight.*Passed' <<<"$out" || fail "try-repo on the fixed example: the hook did not pass"

echo "test-pre-commit: OK"
