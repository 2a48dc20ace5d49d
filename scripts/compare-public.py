#!/usr/bin/env python3
"""Compare `tecton-preflight check` with the real Tecton SDK on repositories fetched by hand.

The project's own fixtures are checked against the SDK by `tests/repos.rs` (from the stored
`.oracle.json` files). This script is for everything else: public feature repositories a developer
clones into a folder *outside* this checkout, to look for disagreements before writing a fixture
of our own that reproduces them. It is never run by the tests or by `.ci/run`, and nothing it
reads or writes belongs in the project.

    scripts/compare-public.py ~/scratch/public-repos --oracle PATH/oracle.py [--venvs DIR] [--sdk-version V]

Every directory directly inside the folder is one repository (the folder itself when it holds a
`.tecton` or `repo.yaml`). For each feature repository root that `check --format json` reports,
the script picks the installed SDK whose version matches the one `check` detected (the newest
installed patch of that minor; `--sdk-version` chooses one for every root), runs `check` again
pinned to that exact version, runs the oracle (`oracle.py`, which executes the repository's code
with the SDK) on a copy of the root, and prints what disagrees: objects the SDK registers that `check` misses, objects `check` finds that the SDK
does not register, and `online`, `offline` and effective runtime differences. Exit 0 when all
agree, 1 on a disagreement, 2 on a usage error.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
VIEW_KINDS = {"batch_feature_view", "stream_feature_view", "feature_table"}


def snake(kind):
    """`BatchFeatureView` (the SDK's class name) as `batch_feature_view` (ours)."""
    return re.sub(r"(?<!^)([A-Z])", r"_\1", kind).lower()


def version_key(version):
    return [int(p) if p.isdigit() else -1 for p in re.split(r"[.a-z]+", version) if p]


def installed_sdks(venvs):
    """Installed oracle SDK versions, from `venv-<version>` folders that finished installing."""
    found = []
    for path in Path(venvs).glob("venv-*"):
        if (path / ".oracle-complete").exists() and (path / "bin" / "python").exists():
            found.append(path.name[len("venv-") :])
    return sorted(found, key=version_key)


def pick_sdk(wanted, installed):
    """The installed version equal to `wanted`, or the newest final one of its minor."""
    if wanted in installed:
        return wanted
    prefix = ".".join(wanted.split(".")[:2]) + "."
    finals = [v for v in installed if v.startswith(prefix) and re.fullmatch(r"[0-9.]+", v)]
    return finals[-1] if finals else None


def hidden_component(path):
    for part in Path(path).resolve().parts[1:]:
        if part.startswith("."):
            return part
    return None


def run_check(binary, root, sdk=None):
    args = [binary, "check", ".", "--format", "json"]
    if sdk:
        args += ["--sdk-version", sdk]
    out = subprocess.run(args, cwd=root, capture_output=True, text=True)
    try:
        return json.loads(out.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"check printed no JSON (exit {out.returncode}): {out.stderr.strip()[:400]}")


def run_oracle(python, oracle, root, work):
    """The SDK's objects for `root`, from a copy under `work` (the oracle executes the code)."""
    copy = Path(tempfile.mkdtemp(prefix="root-", dir=work)) / Path(root).name
    shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(".git"))
    args = [python, oracle, str(copy)]
    if not (copy / ".tecton").exists() and not (copy / "repo.yaml").exists():
        args.append("--tecton-init")
    env = dict(os.environ, ORACLE_WORKDIR=str(work))
    out = subprocess.run(args, cwd=copy, capture_output=True, text=True, env=env)
    try:
        return json.loads(out.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"the oracle printed no JSON (exit {out.returncode}): {out.stderr.strip()[-400:]}")


def compare(ours, theirs):
    """Disagreement lines between our objects and the SDK's."""
    lines = []
    key = lambda kind, o: (kind, o.get("name"), o.get("file"), o.get("line"))
    mine = {key(o["kind"], o): o for o in ours}
    sdk = {key(snake(o["kind"]), o): o for o in theirs}
    for k in sorted(set(sdk) - set(mine), key=str):
        lines.append(f"missing: {k[0]} {k[1]} ({k[2]}:{k[3]}): the SDK registers it, check does not")
    for k in sorted(set(mine) - set(sdk), key=str):
        lines.append(f"extra:   {k[0]} {k[1]} ({k[2]}:{k[3]}): check finds it, the SDK does not register it")
    for k in sorted(set(mine) & set(sdk), key=str):
        if k[0] not in VIEW_KINDS:
            continue
        a, b = mine[k], sdk[k]
        for flag in ("online", "offline"):
            if a.get(flag) != b.get(flag):
                lines.append(f"{flag}:  {k[0]} {k[1]}: check says {a.get(flag)}, the SDK {b.get(flag)}")
        runtime = (a.get("runtime") or {}).get("value")
        if runtime != b.get("tecton_materialization_runtime"):
            lines.append(
                f"runtime: {k[0]} {k[1]}: check says {runtime}, the SDK {b.get('tecton_materialization_runtime')}"
            )
    return lines


def default_binary():
    for build in ("release", "debug"):
        path = PROJECT / "target" / build / "tecton-preflight"
        if path.exists():
            return str(path)
    return shutil.which("tecton-preflight") or "tecton-preflight"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", help="a folder of fetched repositories, outside this checkout")
    ap.add_argument("--binary", default=default_binary(), help="the tecton-preflight binary")
    ap.add_argument(
        "--oracle",
        default=os.environ.get("TECTON_ORACLE"),
        help="the oracle's oracle.py (default: $TECTON_ORACLE)",
    )
    ap.add_argument(
        "--venvs",
        default=str(Path(os.environ.get("PREFLIGHT_WORK") or Path.home() / ".cache" / "tecton-oracle") / "oracle"),
        help="the folder holding the oracle's venv-<version> folders",
    )
    ap.add_argument("--sdk-version", help="use this SDK for every root instead of the one check detects")
    ap.add_argument("--work", help="where the copies the oracle runs on go (default: a temporary folder)")
    opts = ap.parse_args()

    folder = Path(opts.folder).resolve()
    if not folder.is_dir():
        print(f"not a folder: {folder}", file=sys.stderr)
        return 2
    if folder == PROJECT or PROJECT in folder.parents:
        print("the repositories must live outside this checkout: the project holds only its own code", file=sys.stderr)
        return 2
    if not opts.oracle or not Path(opts.oracle).is_file():
        print(f"oracle.py not found: {opts.oracle or 'none given'} (use --oracle or $TECTON_ORACLE)", file=sys.stderr)
        return 2
    installed = installed_sdks(opts.venvs)
    if not installed:
        print(f"no finished oracle venv under {opts.venvs}", file=sys.stderr)
        return 2
    work = Path(opts.work or tempfile.mkdtemp(prefix="compare-public-"))
    work.mkdir(parents=True, exist_ok=True)
    if hidden_component(work):
        print(f"{work} is below a hidden folder; the SDK would import nothing there (use --work)", file=sys.stderr)
        return 2

    single = (folder / ".tecton").exists() or (folder / "repo.yaml").exists()
    repos = [folder] if single else sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    disagreements = 0
    for repo in repos:
        try:
            report = run_check(opts.binary, repo)
        except RuntimeError as e:
            print(f"== {repo.name}: {e}")
            disagreements += 1
            continue
        roots = report.get("roots") or []
        if not roots:
            print(f"== {repo.name}: no feature repository found")
            continue
        for root in roots:
            path = (repo / root["path"]).resolve()
            label = repo.name if root["path"] == "." else f"{repo.name}/{root['path']}"
            wanted = opts.sdk_version or ((root.get("sdk") or {}).get("version")) or ""
            sdk = pick_sdk(wanted, installed) if wanted else None
            if not sdk:
                print(f"== {label}: SDK {wanted or 'unknown'}; no installed oracle SDK matches, skipped")
                continue
            try:
                pinned = run_check(opts.binary, path, sdk)
                oracle = run_oracle(str(Path(opts.venvs) / f"venv-{sdk}" / "bin" / "python"), opts.oracle, path, work)
            except RuntimeError as e:
                print(f"== {label} (SDK {sdk}): {e}")
                disagreements += 1
                continue
            ours = [o for r in pinned.get("roots") or [] if r.get("path") == "." for o in r.get("objects") or []]
            lines = compare(ours, oracle.get("objects") or [])
            tp001 = sum(1 for d in pinned.get("diagnostics") or [] if d.get("code") == "TP001")
            print(
                f"== {label} (SDK {sdk}): the SDK registers {len(oracle.get('objects') or [])} objects "
                f"({len(oracle.get('errors') or [])} errors), check finds {len(ours)} ({tp001} TP001)"
            )
            for error in oracle.get("errors") or []:
                if error.get("stage") != "import":
                    print(f"   the SDK stopped at {error.get('stage')}: {error.get('type')} {error.get('message', '')}")
            for line in lines:
                print(f"   {line}")
            disagreements += bool(lines)
    print(f"{len(repos)} repositories, {disagreements} with disagreements")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
