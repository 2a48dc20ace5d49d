#!/usr/bin/env python3
"""Extract the import-time Python API of one installed Tecton SDK version, for data/sdk_api.toml.

Run it with the python of a venv that has `tecton` installed (e.g. `python3 -m venv venv-V && venv-V/bin/pip install tecton==V`):

    VENV/bin/python scripts/extract-sdk-api.py            # prints the TOML table of that SDK version
    VENV/bin/python scripts/extract-sdk-api.py --json     # the same data as JSON
    python3 scripts/extract-sdk-api.py --header           # prints the file's header comment (no tecton needed)

Regenerate the whole file (from the crate root):

    O=~/.cache/tecton-oracle/oracle
    { python3 scripts/extract-sdk-api.py --header
      for v in 0.7.13 0.8.23 0.9.25 1.0.42 1.1.20 1.2.13; do $O/venv-$v/bin/python scripts/extract-sdk-api.py; done
    } > data/sdk_api.toml

What it records (see HEADER below for the TOML shape):
* modules: for tecton, tecton.types, tecton.v09_compat, tecton.compat and tecton.aggregation_functions (those that
  exist), every name X for which `from <module> import X` works: dir(module) without `_` names, plus `__all__`,
  plus the public submodules of a package (`from tecton import types` imports them on demand). Every name is
  checked with a real `from <module> import <name>`.
* callables: the parameters of the Tecton decorators/classes (for classes, `__init__` without `self`), read with
  inspect.signature (which follows `__wrapped__`, i.e. through typeguard's @typechecked and functools.wraps).
  Each signature is then verified with real calls: a call without arguments must raise TypeError "missing ..."
  when a parameter is required; leaving out each required argument in turn must raise TypeError "missing ...
  <that argument>"; a call with every required argument (as []) plus an unknown keyword must raise TypeError
  "unexpected keyword argument" exactly when there is no **kwargs. Binding the arguments fails before any type
  check or object construction, so these calls have no effect. A disagreement makes the script exit 1.
* distinct: for tecton.v09_compat, the names that are other objects than `tecton`'s of the same name (the 0.9
  API's constructors in 1.0); every other name is the very same object in both modules.
* keyword_only: the public classes of tecton and tecton.v09_compat whose signature takes no positional argument
  (pydantic models such as `DatabricksClusterConfig` from 0.8 on), each confirmed by a real call with one
  positional argument failing with TypeError "takes 1 positional argument but 2 were given" before anything is
  built. Classes whose signature takes a positional argument are never called.

The SDK is imported offline: server keys cleared, the local config file
pointed at a non-existent path, the batch compute mode set to spark, and the working directory a scratch folder.
Standard library only.
"""

import contextlib
import importlib
import inspect
import io
import json
import os
import pkgutil
import sys
import tempfile

MODULES = ["tecton", "tecton.types", "tecton.v09_compat", "tecton.compat", "tecton.aggregation_functions"]
CALLABLE_MODULES = ["tecton", "tecton.v09_compat"]
CALLABLES = [
    "batch_feature_view",
    "stream_feature_view",
    "on_demand_feature_view",
    "realtime_feature_view",
    "transformation",
    "BatchFeatureView",
    "StreamFeatureView",
    "FeatureTable",
    "RealtimeFeatureView",
    "OnDemandFeatureView",
    "FeatureService",
    "Entity",
    "BatchSource",
    "StreamSource",
    "PushSource",
]
BOGUS_KWARG = "tecton_preflight_no_such_argument"
# Value passed for required arguments in the verification calls: an empty list, because 1.0's feature view
# decorators iterate `features` before binding the arguments (None would raise an unrelated TypeError).
DUMMY = list

HEADER = """\
# The import-time Python API of each Tecton SDK minor version, compiled into tecton-preflight.
# Used to report, without running the repo, what makes `tecton plan` fail while importing repo files:
#   - `from <module> import X` where X does not exist in that SDK (ImportError), and
#   - a call of a Tecton decorator/class with an unknown keyword (TypeError: unexpected keyword argument) or
#     without a required argument (TypeError: missing a required argument).
#
# GENERATED, do not edit by hand. Regenerate from the crate root, one venv per SDK version with that `tecton`
# installed (e.g. `python3 -m venv venv-V && venv-V/bin/pip install tecton==V`):
#   O=~/.cache/tecton-oracle/oracle
#   { python3 scripts/extract-sdk-api.py --header
#     for v in 0.7.13 0.8.23 0.9.25 1.0.42 1.1.20 1.2.13; do $O/venv-$v/bin/python scripts/extract-sdk-api.py; done
#   } > data/sdk_api.toml
#
# Shape (serde: BTreeMap<String, SdkApi>, keyed by minor version "0.7" ... "1.2"):
#   ["MINOR"]
#   sdk = "X.Y.Z"                        exact SDK version the data was read from
#   missing_modules = ["tecton.compat"]  modules of the checked set that do not exist (ModuleNotFoundError)
#   ["MINOR".modules]                    BTreeMap<String, Vec<String>>
#   "tecton" = ["Aggregate", ...]        sorted names N for which `from tecton import N` works (incl. submodules)
#   ["MINOR".callables."MODULE".NAME]    BTreeMap<String /*module*/, BTreeMap<String /*name*/, Callable>>
#   type = "function" | "class"          a class's parameters are those of __init__ without self
#   alias_of = "RealtimeFeatureView"     optional (none in the current data): the same object as MODULE.<alias_of>
#   params = [...]                       every named parameter, in signature order
#   required = [...]                     parameters without a default (omitting one: TypeError)
#   positional = [...]                   parameters that may be passed positionally, in order (positional_only
#                                        or positional_or_keyword); every other entry of params is keyword_only
#   var_positional = bool                accepts *args
#   var_keyword = bool                   accepts **kwargs: then an unknown keyword is NOT a TypeError
#   ["MINOR".distinct]                   BTreeMap<String /*module*/, Vec<String>>
#   "tecton.v09_compat" = ["Entity", ...]  names that are other objects than tecton.<name> (the rest are the same)
#   ["MINOR".keyword_only]               BTreeMap<String /*module*/, Vec<String>>
#   "tecton" = ["DatabricksClusterConfig", ...]  classes that take keyword arguments only: one positional
#                                        argument fails with TypeError "takes 1 positional argument but 2 were given"
# Checked modules: tecton, tecton.types, tecton.v09_compat, tecton.compat, tecton.aggregation_functions.
# Checked callables (in tecton and tecton.v09_compat; absent ones are simply not listed):
#   """ + ", ".join(CALLABLES[:5]) + """,
#   """ + ", ".join(CALLABLES[5:10]) + """,
#   """ + ", ".join(CALLABLES[10:]) + """.
# Signatures come from inspect.signature (through @typechecked/functools.wraps) and were verified by real calls.
# Beyond the signature the SDK also checks argument types (typeguard: TypeError) and values (TectonValidationError
# etc.) at call time; none of that is recorded here.

"""


# ----------------------------------------------------------------------------------------------------------------------
# offline import


def _isolate():
    for k in ("API_SERVICE", "FEATURE_SERVICE", "TECTON_API_KEY", "OAUTH_ACCESS_TOKEN", "OAUTH_REFRESH_TOKEN",
              "TECTON_CLUSTER_NAME"):
        os.environ.pop(k, None)
    scratch = tempfile.mkdtemp(prefix="extract-sdk-api-")
    os.environ["TECTON_CONFIG_PATH"] = os.path.join(scratch, "no-such-tecton-config", "config")
    for k in ("TECTON_BATCH_COMPUTE_MODE", "TECTON_OFFLINE_RETRIEVAL_COMPUTE_MODE", "TECTON_COMPUTE_MODE"):
        os.environ.setdefault(k, "spark")
    sys.dont_write_bytecode = True
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if p and os.path.abspath(p) != here]
    os.chdir(scratch)


@contextlib.contextmanager
def _quiet():
    """The SDK may print or warn while importing; keep stdout clean for the TOML."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        yield
    if out.getvalue().strip():
        sys.stderr.write(out.getvalue())


def _import(name):
    try:
        with _quiet():
            return importlib.import_module(name)
    except ModuleNotFoundError as e:
        if e.name is not None and (e.name == name or name.startswith(e.name + ".")):
            return None
        raise


def _from_import_works(module, name):
    try:
        with _quiet():
            exec(f"from {module} import {name}", {})
        return True
    except (ImportError, SyntaxError):
        return False
    except Exception as e:  # noqa: BLE001 - a submodule that fails to import
        print(f"extract-sdk-api: from {module} import {name}: {type(e).__name__}: {e}", file=sys.stderr)
        return False
    except SystemExit:
        return False


# ----------------------------------------------------------------------------------------------------------------------
# modules


def module_names(modname, mod):
    names = {n for n in dir(mod) if not n.startswith("_")}
    names |= {n for n in getattr(mod, "__all__", ()) if isinstance(n, str)}
    if hasattr(mod, "__path__"):  # a package: `from pkg import sub` imports pkg.sub on demand
        names |= {m.name for m in pkgutil.iter_modules(mod.__path__) if not m.name.startswith("_")}
    ok = []
    for n in sorted(names):
        if _from_import_works(modname, n):
            ok.append(n)
        else:
            print(f"extract-sdk-api: `from {modname} import {n}` fails; left out", file=sys.stderr)
    if hasattr(mod, "__getattr__"):
        print(f"extract-sdk-api: warning: {modname} has a module __getattr__; names it serves lazily may be missing",
              file=sys.stderr)
    return ok


# ----------------------------------------------------------------------------------------------------------------------
# callables


def describe(obj):
    is_class = inspect.isclass(obj)
    target = obj.__init__ if is_class else obj
    sig = inspect.signature(target, follow_wrapped=True)
    params = list(sig.parameters.values())
    if is_class and params and params[0].name == "self":
        params = params[1:]
    d = {"type": "class" if is_class else "function", "params": [], "required": [], "positional": [],
         "var_positional": False, "var_keyword": False}
    for p in params:
        if p.kind is p.VAR_POSITIONAL:
            d["var_positional"] = True
        elif p.kind is p.VAR_KEYWORD:
            d["var_keyword"] = True
        else:
            d["params"].append(p.name)
            if p.default is p.empty:
                d["required"].append(p.name)
            if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
                d["positional"].append(p.name)
    return d


def takes_keywords_only(obj):
    """Whether class `obj` rejects every positional argument, by its signature and by a real call."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return False
    if any(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL) for p in sig.parameters.values()):
        return False
    try:
        with _quiet():
            obj("tecton-preflight")
    except TypeError as e:
        return "takes 1 positional argument but 2 were given" in str(e)
    except Exception:  # noqa: BLE001 - got past argument binding
        return False
    return False


def _call(obj, kwargs):
    """Call; return the TypeError message, or None if no TypeError (other exceptions count as no TypeError)."""
    try:
        with _quiet():
            obj(**kwargs)
    except TypeError as e:
        return str(e)
    except Exception:  # noqa: BLE001 - got past argument binding
        return None
    return None


def verify(qualname, obj, d):
    """Check the recorded signature against real calls. Returns a list of problems."""
    problems = []
    # 1. missing required arguments
    if d["required"]:
        msg = _call(obj, {})
        if msg is None or "missing" not in msg:
            problems.append(f"{qualname}(): expected TypeError 'missing ...', got {msg!r}")
    # 2. unknown keyword, all required given
    kwargs = {p: DUMMY() for p in d["required"]}
    kwargs[BOGUS_KWARG] = None
    msg = _call(obj, kwargs)
    rejected = msg is not None and "unexpected keyword" in msg
    if d["var_keyword"] and rejected:
        problems.append(f"{qualname}(**kwargs): unknown keyword rejected: {msg!r}")
    if not d["var_keyword"] and not rejected:
        problems.append(f"{qualname}(required=[]..., {BOGUS_KWARG}=None): expected 'unexpected keyword', got {msg!r}")
    # 3. every required argument really is required (drop one at a time)
    for r in d["required"]:
        kw = {p: DUMMY() for p in d["required"] if p != r}
        msg = _call(obj, kw)
        if msg is None or "missing" not in msg or r not in msg:
            problems.append(f"{qualname} without {r}: expected TypeError 'missing ... {r}', got {msg!r}")
    return problems


# ----------------------------------------------------------------------------------------------------------------------
# output


def _toml_str(s):
    return json.dumps(s, ensure_ascii=True)


def _toml_key(k):
    return k if k.replace("_", "a").replace("-", "a").isalnum() and k.isascii() else _toml_str(k)


def _toml_array(items, indent="  ", width=110, first=0):
    if not items:
        return "[]"
    parts = [_toml_str(i) for i in items]
    one = "[" + ", ".join(parts) + "]"
    if first + len(one) <= width:
        return one
    lines, cur = [], indent
    for p in parts:
        if len(cur) + len(p) + 2 > width and cur.strip():
            lines.append(cur.rstrip())
            cur = indent
        cur += p + ", "
    lines.append(cur.rstrip())
    return "[\n" + "\n".join(lines) + "\n]"


def to_toml(data):
    minor = _toml_str(data["minor"])
    out = [f"[{minor}]", f"sdk = {_toml_str(data['sdk'])}",
           f"missing_modules = {_toml_array(data['missing_modules'], first=18)}", "", f"[{minor}.modules]"]
    for m, names in data["modules"].items():
        k = _toml_str(m)
        out.append(f"{k} = {_toml_array(names, first=len(k) + 3)}")
    for m, cs in data["callables"].items():
        for n, d in cs.items():
            out += ["", f"[{minor}.callables.{_toml_str(m)}.{_toml_key(n)}]", f"type = {_toml_str(d['type'])}"]
            if d.get("alias_of"):
                out.append(f"alias_of = {_toml_str(d['alias_of'])}")
            for k in ("params", "required", "positional"):
                out.append(f"{k} = {_toml_array(d[k], first=len(k) + 3)}")
            out.append(f"var_positional = {str(d['var_positional']).lower()}")
            out.append(f"var_keyword = {str(d['var_keyword']).lower()}")
    if data.get("distinct"):
        out += ["", f"[{minor}.distinct]"]
        for m, names in data["distinct"].items():
            k = _toml_str(m)
            out.append(f"{k} = {_toml_array(names, first=len(k) + 3)}")
    if data.get("keyword_only"):
        out += ["", f"[{minor}.keyword_only]"]
        for m, names in data["keyword_only"].items():
            k = _toml_str(m)
            out.append(f"{k} = {_toml_array(names, first=len(k) + 3)}")
    return "\n".join(out) + "\n"


def main(argv):
    if "--header" in argv:
        sys.stdout.write(HEADER)
        return 0
    as_json = "--json" in argv
    no_verify = "--no-verify" in argv
    real_stdout = sys.stdout
    _isolate()

    tecton = _import("tecton")
    from tecton import version as tecton_version

    sdk = tecton_version.get_version()
    data = {"minor": ".".join(sdk.split(".")[:2]), "sdk": sdk, "missing_modules": [], "modules": {}, "callables": {}}
    mods = {}
    for m in MODULES:
        mod = tecton if m == "tecton" else _import(m)
        if mod is None:
            data["missing_modules"].append(m)
        else:
            mods[m] = mod
    # Names first for every module, so that submodule imports do not change what dir() of another module shows...
    # (they can only add submodule attributes, which are importable anyway).
    for m, mod in mods.items():
        data["modules"][m] = module_names(m, mod)

    problems = []
    for m in CALLABLE_MODULES:
        mod = mods.get(m)
        if mod is None:
            continue
        cs = {}
        for n in CALLABLES:
            obj = getattr(mod, n, None)
            if obj is None or n not in data["modules"][m]:
                continue
            d = describe(obj)
            real = getattr(obj, "__name__", n)
            if real != n and real in CALLABLES and getattr(mod, real, None) is obj:
                d["alias_of"] = real
            if not no_verify:
                problems += verify(f"{m}.{n}", obj, d)
            cs[n] = d
        data["callables"][m] = cs
        keyword_only = []
        for n in data["modules"][m]:
            obj = getattr(mod, n, None)
            if inspect.isclass(obj) and n not in cs and takes_keywords_only(obj):
                keyword_only.append(n)
        data.setdefault("keyword_only", {})[m] = keyword_only
        if m != "tecton":
            data.setdefault("distinct", {})[m] = [
                n for n in data["modules"][m] if hasattr(tecton, n) and getattr(tecton, n) is not getattr(mod, n, None)
            ]

    real_stdout.write(json.dumps(data, indent=1) + "\n" if as_json else to_toml(data) + "\n")
    real_stdout.flush()
    for p in problems:
        print(f"extract-sdk-api: VERIFY FAILED ({sdk}): {p}", file=sys.stderr)
    checked = sum(len(c) for c in data["callables"].values())
    print(f"extract-sdk-api: tecton {sdk}: {checked} callables, {len(problems)} verification problems",
          file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
