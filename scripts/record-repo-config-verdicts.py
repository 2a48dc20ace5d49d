#!/usr/bin/env python3
"""Record the real Tecton SDK's verdict on every repo.yaml variant in test_repos/repo_config_variants/.

A developer aid: it runs the SDK, so it is never run by the tests or by .ci/run. Run it with the python of a venv that
has `tecton` installed (e.g. `python3 -m venv venv-V && venv-V/bin/pip install tecton==V`); it writes
test_repos/repo_config_variants/verdicts/<SDK version>.json:

    O=~/.cache/tecton-oracle/oracle
    for v in 0.8.0 0.8.23 0.9.25 1.0.0 1.0.42 1.1.20 1.2.13 1.3.0b4; do
      $O/venv-$v/bin/python scripts/record-repo-config-verdicts.py test_repos/repo_config_variants; done

For each `<name>.yaml` it calls the SDK's own loader, `tecton.cli.repo_config.load_repo_config` (what `tecton plan`
calls with the repo config), and records:
* `accepted`: false when the loader exits ("Failed to parse the Tecton repo config", "Invalid Tecton repo config")
  or raises; `message`: the first lines of what it printed or raised.
* `runtimes`: the effective `tecton_materialization_runtime` default of batch feature views, stream feature views and
  feature tables (`get_<type>_defaults()`), as the SDK holds it after loading (0.8.0 turns numbers into strings).
* `build_errors`: for an accepted file, what the SDK raises when it builds a view or table with the defaults: each
  section's `batch_compute`/`stream_compute` `_to_cluster_proto()`, `offline_store` and `online_store` `_to_proto()`
  (where `tecton plan` calls them). An invalid `instance_availability` or an unsupported pinned `dbr_version` passes
  the loader and fails here.

Standard library only (besides the SDK itself).
"""

import contextlib
import io
import json
import os
import sys
import tempfile
from pathlib import Path

SECTIONS = ("batch_feature_view", "stream_feature_view", "feature_table")


def _isolate():
    for k in ("API_SERVICE", "FEATURE_SERVICE", "TECTON_API_KEY", "OAUTH_ACCESS_TOKEN", "OAUTH_REFRESH_TOKEN",
              "TECTON_CLUSTER_NAME"):
        os.environ.pop(k, None)
    scratch = tempfile.mkdtemp(prefix="repo-config-verdicts-")
    os.environ["TECTON_CONFIG_PATH"] = os.path.join(scratch, "no-such-tecton-config", "config")
    for k in ("TECTON_BATCH_COMPUTE_MODE", "TECTON_OFFLINE_RETRIEVAL_COMPUTE_MODE", "TECTON_COMPUTE_MODE"):
        os.environ.setdefault(k, "spark")
    sys.dont_write_bytecode = True
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if p and os.path.abspath(p) != here]


def _short(text, lines=6):
    text = "\n".join(line.rstrip() for line in text.strip().splitlines() if line.strip())
    # Drop ANSI colours and the absolute path of the variant.
    for code in ("\x1b[31m", "\x1b[39m", "\x1b[0m"):
        text = text.replace(code, "")
    return "\n".join(text.splitlines()[:lines])[:600]


def verdict(cli, framework, path):
    framework._repo_config = None
    out = io.StringIO()
    # The SDK's printer writes through colorama/click to the process's streams; keep its lines.
    printer = getattr(cli, "printer", None)
    if printer is not None:
        printer.safe_print = lambda *objects, **kwargs: print(*objects, file=out)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            cli.load_repo_config(path)
    except SystemExit:
        return {"accepted": False, "message": _short(out.getvalue()).replace(str(path), "repo.yaml")}
    except Exception as e:  # noqa: BLE001 - the SDK lets these escape: `tecton plan` fails with a traceback
        return {"accepted": False, "message": f"{type(e).__name__}: {_short(str(e), 3)}".replace(str(path), "repo.yaml")}
    result = {"accepted": True, "runtimes": {}, "build_errors": []}
    for section in SECTIONS:
        defaults = getattr(framework, f"get_{section}_defaults")()
        runtime = defaults.tecton_materialization_runtime
        result["runtimes"][section] = runtime
        if framework.get_repo_config() is None or framework.get_repo_config().defaults is None:
            continue
        if getattr(framework.get_repo_config().defaults, section) is None:
            continue
        calls = [("batch_compute", lambda: defaults.batch_compute._to_cluster_proto())]
        if section == "stream_feature_view":
            calls.append(("stream_compute", lambda: defaults.stream_compute._to_cluster_proto()))
        calls.append(("offline_store", lambda: defaults.offline_store_config._to_proto()))
        if defaults.online_store is not None:
            calls.append(("online_store", lambda: defaults.online_store._to_proto()))
        for field, call in calls:
            try:
                with contextlib.redirect_stdout(io.StringIO()):
                    call()
            except Exception as e:  # noqa: BLE001
                result["build_errors"].append(
                    {"path": f"defaults.{section}.{field}", "error": f"{type(e).__name__}: {_short(str(e), 2)}"})
    return result


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    variants = Path(argv[0]).resolve()
    _isolate()
    with contextlib.redirect_stdout(io.StringIO()):
        from tecton import version as tecton_version
        from tecton.cli import repo_config as cli
        from tecton.framework import repo_config as framework
    version = tecton_version.get_version()
    results = {}
    for path in sorted(variants.glob("*.yaml")):
        results[path.stem] = verdict(cli, framework, path)
    out = variants / "verdicts" / f"{version}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"sdk": version, "variants": results}, indent=1, sort_keys=True) + "\n")
    accepted = sum(1 for r in results.values() if r["accepted"])
    print(f"{out}: {len(results)} variants, {accepted} accepted", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
