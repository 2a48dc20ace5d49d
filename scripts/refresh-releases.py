#!/usr/bin/env python3
"""Refresh data/releases.toml from PyPI.

The file holds every published `tecton` version grouped by minor, plus hand-kept facts (release and
end-of-support dates, Rift environments, starter-template environments). This script rewrites the
version lists and the `generated` date and keeps the hand-kept values as they are. The whole file is
written by this script, so remarks belong in `note` fields, not in comments.

Usage (from the crate root):
    python3 scripts/refresh-releases.py               # ask PyPI's JSON API, rewrite data/releases.toml
    python3 scripts/refresh-releases.py --source pip  # ask `pip index versions tecton --pre` instead
    python3 scripts/refresh-releases.py --check       # exit 1 if the version lists are out of date
    python3 scripts/refresh-releases.py --versions-from saved.json --date 2026-11-24 --output -
        (offline: read a saved https://pypi.org/pypi/tecton/json document, or saved
        `pip index versions tecton --pre` output; print instead of writing)

The JSON API is the default because it does not depend on the interpreter: pip hides releases whose
Requires-Python excludes the Python running it (tecton 0.0.20-0.0.63 need Python 3.7 or 3.8).
Yanked releases are left out either way, as pip leaves them out.

Standard library only; needs Python 3.11+ (tomllib).
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import urllib.request

try:
    import tomllib
except ImportError:  # pragma: no cover
    sys.exit("refresh-releases.py needs Python 3.11 or newer (tomllib)")

PACKAGE = "tecton"
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_FILE = os.path.normpath(os.path.join(HERE, os.pardir, "data", "releases.toml"))

HEADER = """\
# Tecton SDK releases on PyPI, compiled into tecton-preflight (src/sdk.rs: include_str!).
#
# Refresh: python3 scripts/refresh-releases.py   (then `cargo test`)
#   It lists every published, non-yanked `tecton` version (PyPI's JSON API; or, with --source pip,
#   `python -m pip index versions tecton --pre`, which hides versions whose Requires-Python excludes
#   the running interpreter), rewrites `generated` and each minor's `finals` and `prereleases`, adds
#   new minors, and keeps the hand-kept fields as they are: `released`,
#   `end_of_support`, `note`, [[rift_environment]] and [[starter_environment]]. The script writes the
#   whole file, so put remarks in `note` fields, not in comments.
#
# Hand-kept sources: the support table of docs.tecton.ai/docs/beta/release-notes (dates), the
# python-rift-environments docs page (environments) and tecton/cli/repo_config.py in the SDK wheels
# (starter templates). Leave a date out when it is not published; never guess one.
"""

VERSION_RE = re.compile(
    r"^(?:(?P<epoch>\d+)!)?(?P<release>\d+(?:\.\d+)*)"
    r"(?:(?P<pre_l>a|b|rc)(?P<pre_n>\d+))?"
    r"(?:\.post(?P<post>\d+))?"
    r"(?:\.dev(?P<dev>\d+))?$"
)
PRE_ORDER = {"a": 0, "b": 1, "rc": 2}


def version_key(v):
    """PEP 440 sort key for the normalized forms PyPI lists (no local versions)."""
    m = VERSION_RE.match(v)
    if not m:
        raise ValueError(f"unexpected version format on PyPI: {v!r}")
    release = [int(x) for x in m["release"].split(".")]
    while len(release) > 1 and release[-1] == 0:
        release.pop()
    if m["pre_l"] is not None:
        pre = (PRE_ORDER[m["pre_l"]], int(m["pre_n"]))
    elif m["post"] is None and m["dev"] is not None:
        pre = (-1, 0)  # X.devN sorts before X.aN
    else:
        pre = (3, 0)
    post = int(m["post"]) if m["post"] is not None else -1
    dev = int(m["dev"]) if m["dev"] is not None else float("inf")
    return (int(m["epoch"] or 0), release, pre, post, dev)


def is_final(v):
    m = VERSION_RE.match(v)
    return m["pre_l"] is None and m["dev"] is None


def minor_of(v):
    m = VERSION_RE.match(v)
    parts = [int(x) for x in m["release"].split(".")] + [0]
    return (parts[0], parts[1])


def versions_from_pip_output(text):
    m = re.search(r"^Available versions:\s*(.*)$", text, re.MULTILINE)
    if not m:
        raise ValueError("no 'Available versions:' line in the pip output")
    return [v.strip() for v in m.group(1).split(",") if v.strip()]


def versions_from_pip():
    cmd = [sys.executable, "-m", "pip", "index", "versions", PACKAGE, "--pre"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return versions_from_pip_output(out)


def versions_from_json(data):
    """Versions that have at least one file that is not yanked (what pip would see)."""
    result = []
    for version, files in data["releases"].items():
        if any(not f.get("yanked", False) for f in files):
            result.append(version)
    return result


def versions_from_pypi_json():
    url = f"https://pypi.org/pypi/{PACKAGE}/json"
    with urllib.request.urlopen(url, timeout=60) as response:
        return versions_from_json(json.load(response))


def toml_str(value):
    """A TOML literal for the scalar values hand-kept fields hold."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, datetime.date)):
        return value.isoformat() if isinstance(value, datetime.date) else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise ValueError(f"cannot keep {value!r}: hand-kept fields must be strings, numbers or dates")


KNOWN_TOP_LEVEL = {"generated", "minor", "rift_environment", "starter_environment"}
MINOR_FIELDS = ("released", "end_of_support", "note")


def check_known(old):
    """Refuse to drop data this script does not know how to write back."""
    unknown = set(old) - KNOWN_TOP_LEVEL
    if unknown:
        raise ValueError(f"unknown top-level keys {sorted(unknown)}: teach this script about them")
    for entry in old.get("minor", []):
        extra = set(entry) - {"minor", "finals", "prereleases", *MINOR_FIELDS}
        if extra:
            raise ValueError(f"minor {entry.get('minor')}: unknown fields {sorted(extra)}")


def toml_list(key, items, width=100):
    if not items:
        return [f"{key} = []"]
    lines = [f"{key} = ["]
    line = "  "
    for item in items:
        piece = toml_str(item) + ","
        if len(line) + len(piece) + 1 > width and line.strip():
            lines.append(line.rstrip())
            line = "  "
        line += piece + " "
    lines.append(line.rstrip())
    lines.append("]")
    return lines


def render(old, versions, generated):
    """The whole file: hand-kept values from `old`, version lists from `versions`."""
    groups = {}
    for v in sorted(set(versions), key=version_key):
        groups.setdefault(minor_of(v), []).append(v)
    kept = {}
    for entry in old.get("minor", []):
        major, minor = (int(x) for x in entry["minor"].split("."))
        kept[(major, minor)] = entry
    out = [HEADER, f"generated = {toml_str(generated)}", ""]
    for key in sorted(set(groups) | set(kept)):
        entry = kept.get(key, {})
        vs = groups.get(key, [])
        out.append("[[minor]]")
        out.append(f'minor = "{key[0]}.{key[1]}"')
        for field in MINOR_FIELDS:
            if field in entry:
                out.append(f"{field} = {toml_str(entry[field])}")
        out += toml_list("finals", [v for v in vs if is_final(v)])
        out += toml_list("prereleases", [v for v in vs if not is_final(v)])
        out.append("")
    for table in ("rift_environment", "starter_environment"):
        for entry in old.get(table, []):
            out.append(f"[[{table}]]")
            for field, value in entry.items():
                out.append(f"{field} = {toml_str(value)}")
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", default=DEFAULT_FILE, help="the data file (default: data/releases.toml)")
    parser.add_argument("--source", choices=("json", "pip"), default="json")
    parser.add_argument("--versions-from", metavar="FILE",
                        help="saved PyPI JSON document or `pip index versions` output (offline)")
    parser.add_argument("--date", help="the `generated` date, YYYY-MM-DD (default: today, UTC)")
    parser.add_argument("--output", help="write here instead of --file ('-' = stdout)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file would change")
    args = parser.parse_args()

    with open(args.file, "rb") as f:
        old = tomllib.load(f)
    check_known(old)
    if args.versions_from:
        with open(args.versions_from, encoding="utf-8") as f:
            saved = f.read()
        if saved.lstrip().startswith("{"):
            versions = versions_from_json(json.loads(saved))
        else:
            versions = versions_from_pip_output(saved)
    elif args.source == "json":
        versions = versions_from_pypi_json()
    else:
        versions = versions_from_pip()
    if not versions:
        sys.exit("no versions found; refusing to write an empty list")
    if args.date:
        generated = args.date
    elif args.check:
        generated = old["generated"]  # --check compares the lists, not the day it runs
    else:
        generated = datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    datetime.date.fromisoformat(generated)
    text = render(old, versions, generated)

    if args.check:
        with open(args.file, encoding="utf-8") as f:
            current = f.read()
        if current != text:
            print(f"{args.file} is out of date; run scripts/refresh-releases.py", file=sys.stderr)
            return 1
        return 0
    target = args.output or args.file
    if target == "-":
        sys.stdout.write(text)
    else:
        tmp = target + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, target)
        print(f"wrote {os.path.normpath(target)}: {len(set(versions))} versions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ValueError, OSError, subprocess.CalledProcessError) as error:
        sys.exit(f"refresh-releases.py: {error}")
