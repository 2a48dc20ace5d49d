#!/usr/bin/env python3
"""Times `tecton-preflight` against `ruff check` on the same generated trees, side by side.

Each case runs the two commands alternately (tecton-preflight, ruff, tecton-preflight, ...) so
that both see the same machine load, and prints the median wall time and the median peak resident
memory of each (from the kernel's accounting of the child process, `wait4`), with their ratios.

  scripts/bench/run.py [--runs N] [--scale S] [--ruff PATH] [--bin PATH] [--cases a,b] [--keep DIR]

Cases (trees written by scripts/bench/generate.py into a temporary directory):
  typical     one feature repository of about 60 files, `check --format json .`
  precommit   the same repository, one named file (`check --format concise FILE`), as pre-commit
  monorepo    40 roots of 129 files each (`check .` in json, concise and sarif)
  plan        `plan --base HEAD` on the monorepo committed to a fresh git repository, against
              `check` on it (no ruff equivalent: the ratio is plan / check)
  planall     the same, with every root's repo.yaml bumping the runtime in the working tree, so
              that every root is analysed on both sides (an upgrade's pull request)
  pins        5,000 views in one file and in 50 files, each pinning its runtime, against the same
              views inheriting it from repo.yaml (the ratio is pinned / unpinned: at most 2)

`--scale 10` multiplies the monorepo's roots (400 roots, about 50,000 files) to show how the cost
grows with the bytes. Needs ruff on PATH or `--ruff` (pip install ruff), Python 3.8+, git.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def measure(cmd, cwd):
    """Wall seconds and peak resident MiB of one run of `cmd` (its output discarded)."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited with {code}")
    return wall, usage.ru_maxrss / 1024


def side_by_side(name, a, b, cwd, runs, label_b="ruff"):
    """Runs `a` and `b` alternately; prints and returns the medians and ratios."""
    measure(a, cwd), measure(b, cwd)  # warm the page cache
    times_a, times_b, mem_a, mem_b = [], [], [], []
    for _ in range(runs):
        for cmd, times, mem in ((a, times_a, mem_a), (b, times_b, mem_b)):
            wall, rss = measure(cmd, cwd)
            times.append(wall)
            mem.append(rss)
    ta, tb = statistics.median(times_a), statistics.median(times_b)
    ma, mb = statistics.median(mem_a), statistics.median(mem_b)
    print(f"{name:<28} {ta * 1000:9.1f} ms {tb * 1000:9.1f} ms {ta / tb:6.2f}x"
          f" {ma:8.1f} MiB {mb:8.1f} MiB {ma / mb:6.2f}x   (vs {label_b})", flush=True)
    return ta / tb, ma / mb


def generate(*args):
    subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), *map(str, args)], check=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--ruff", default=shutil.which("ruff"))
    parser.add_argument("--bin", default=os.path.join(REPO, "target", "release", "tecton-preflight"))
    parser.add_argument("--cases", default="typical,precommit,monorepo,plan,planall,pins")
    parser.add_argument("--keep", help="write the trees here and keep them")
    args = parser.parse_args()
    if not args.ruff:
        sys.exit("ruff not found: pip install ruff, or pass --ruff")
    if args.bin == parser.get_default("bin"):
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    cases = args.cases.split(",")
    work = args.keep or tempfile.mkdtemp(prefix="tp-bench-")
    os.makedirs(work, exist_ok=True)
    tp, ruff = os.path.abspath(args.bin), args.ruff
    ruff_check = [ruff, "check", "--no-cache", "--exit-zero", "--quiet", "."]
    version = subprocess.run([ruff, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}; {os.cpu_count()} cores; {args.runs} runs each, medians")
    print(f"{'case':<28} {'preflight':>12} {'other':>12} {'ratio':>7} {'preflight':>12} {'other':>12} {'ratio':>7}")
    try:
        if "typical" in cases or "precommit" in cases:
            typical = os.path.join(work, "typical")
            if not os.path.exists(typical):
                generate("monorepo", typical, 1, 58)
            root = os.path.join(typical, "team_0")
            if "typical" in cases:
                side_by_side("typical (60 files) json", [tp, "check", "--format", "json", "."], ruff_check, root, args.runs)
            if "precommit" in cases:
                named = os.path.join("features", "group_0", "views_7.py")
                side_by_side("pre-commit (1 named file)", [tp, "check", "--format", "concise", named],
                             [ruff, "check", "--no-cache", "--exit-zero", "--quiet", named], root, args.runs)
        if "monorepo" in cases or "plan" in cases or "planall" in cases:
            mono = os.path.join(work, f"monorepo-{args.scale}")
            if not os.path.exists(mono):
                generate("monorepo", mono, 40 * args.scale, 129)
            if "monorepo" in cases:
                for fmt in ("json", "concise", "sarif"):
                    side_by_side(f"monorepo x{args.scale} {fmt}", [tp, "check", "--format", fmt, "."], ruff_check, mono, args.runs)
            if "plan" in cases:
                if not os.path.exists(os.path.join(mono, ".git")):
                    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
                    subprocess.run(git + ["init", "-q"], cwd=mono, check=True)
                    subprocess.run(git + ["add", "-A"], cwd=mono, check=True)
                    subprocess.run(git + ["commit", "-qm", "base"], cwd=mono, check=True)
                side_by_side(f"monorepo x{args.scale} plan", [tp, "plan", "--base", "HEAD", "."],
                             [tp, "check", "--format", "json", "."], mono, args.runs, "check")
            if "planall" in cases:
                changed = os.path.join(work, f"monorepo-{args.scale}-changed")
                if not os.path.exists(changed):
                    shutil.copytree(mono, changed, ignore=shutil.ignore_patterns(".git"))
                    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
                    subprocess.run(git + ["init", "-q"], cwd=changed, check=True)
                    subprocess.run(git + ["add", "-A"], cwd=changed, check=True)
                    subprocess.run(git + ["commit", "-qm", "base"], cwd=changed, check=True)
                    for team in sorted(os.listdir(changed)):
                        config = os.path.join(changed, team, "repo.yaml")
                        if os.path.isfile(config):
                            with open(config) as f:
                                text = f.read()
                            with open(config, "w") as f:
                                f.write(text.replace('"1.2.13"', '"1.2.12"'))
                side_by_side(f"monorepo x{args.scale} plan, all changed", [tp, "plan", "--base", "HEAD", "."],
                             [tp, "check", "--format", "json", "."], changed, args.runs, "check")
        if "pins" in cases:
            for files in (1, 50):
                trees = {}
                for pinned in ("pin", "nopin"):
                    trees[pinned] = os.path.join(work, f"pins-{files}-{pinned}")
                    if not os.path.exists(trees[pinned]):
                        generate("pins", trees[pinned], 5000, files, pinned)
                # Both trees, relative to the work directory, in one command each.
                side_by_side(f"5,000 views/{files} files pinned", [tp, "check", "--format", "json", trees["pin"]],
                             [tp, "check", "--format", "json", trees["nopin"]], work, args.runs, "unpinned")
                side_by_side(f"5,000 views/{files} files pinned", [tp, "check", "--format", "json", trees["pin"]],
                             ruff_check[:-1] + [trees["pin"]], work, args.runs)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
