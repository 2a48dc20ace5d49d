#!/usr/bin/env python3
"""Extract the repo config (`repo.yaml`) schema of one installed Tecton SDK version, for data/repo_config_schema.json.

Run it with the python of a venv that has `tecton` installed (e.g. `python3 -m venv venv-V && venv-V/bin/pip install tecton==V`):

    VENV/bin/python scripts/extract-repo-config-schema.py        # prints {"<version>": {...}} as JSON

Regenerate the whole file (from the crate root):

    O=~/.cache/tecton-oracle/oracle
    for v in 0.8.0 0.8.23 0.9.25 1.0.0 1.0.42 1.1.20 1.2.13 1.3.0b4; do
      $O/venv-$v/bin/python scripts/extract-repo-config-schema.py; done | python3 scripts/extract-repo-config-schema.py --merge > data/repo_config_schema.json

What it records, per SDK version, read from the pydantic models the SDK validates `repo.yaml` with
(`tecton.framework.repo_config.RepoConfig` and every model it reaches):
* engine: "pydantic2-strict" (0.8.0: pydantic 2 models with strict=True) or "pydantic1-typeguard" (0.8.1 on:
  pydantic v1 models whose pre-validator checks every non-model value with typeguard).
* models: for each model, `kind` (the Literal value of its `kind` field, when it has one) and its fields in
  declaration order: the key as written in YAML (the alias), the type (see TYPES), whether the key is required,
  whether null is allowed, `unusable_default` when the default is a function (0.8.0's `json`), and `coerce`: the names of the SDK's own pre-validators that convert a value before the
  type check (`number_to_string`, `string_to_timedelta`, `date_to_datetime`, `str_to_json_struct`).
* time_range_regex: the pattern `time_partition_size` strings must match (checked against the reader's own parser
  by a unit test).
* build: what a cluster config's `_to_proto()` rejects when a feature view is built with it (the value passes the
  repo config loader): the supported `dbr_version`/`emr_version` values, `instance_availability` values and EMR
  `python_version` keys, and the defaults of the versions.

TYPES: "str", "int", "bool", "float", "datetime", "timedelta", "any", "list[T]", "dict[K,V]", "literal:X",
"model:Name", "union:kind:A|B|C" (a union of models told apart by the `kind` discriminator).

Standard library only (besides the SDK itself).
"""

import contextlib
import datetime
import io
import json
import os
import sys
import tempfile
import typing


def _isolate():
    for k in ("API_SERVICE", "FEATURE_SERVICE", "TECTON_API_KEY", "OAUTH_ACCESS_TOKEN", "OAUTH_REFRESH_TOKEN",
              "TECTON_CLUSTER_NAME"):
        os.environ.pop(k, None)
    scratch = tempfile.mkdtemp(prefix="extract-repo-config-")
    os.environ["TECTON_CONFIG_PATH"] = os.path.join(scratch, "no-such-tecton-config", "config")
    for k in ("TECTON_BATCH_COMPUTE_MODE", "TECTON_OFFLINE_RETRIEVAL_COMPUTE_MODE", "TECTON_COMPUTE_MODE"):
        os.environ.setdefault(k, "spark")
    sys.dont_write_bytecode = True
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if p and os.path.abspath(p) != here]
    os.chdir(scratch)


def _is_model(t):
    return isinstance(t, type) and (hasattr(t, "__fields__") or hasattr(t, "model_fields")) and t.__module__.startswith("tecton")


def _validator_names(meta):
    names = []
    for m in meta:
        func = getattr(m, "func", None)
        if func is not None:
            names.append(func.__name__.lstrip("_"))
    return names


class Extractor:
    def __init__(self):
        self.models = {}
        self.order = []

    def type_of(self, ann, coerce, module=None):
        """The type string of an annotation; pydantic-2 BeforeValidators found on the way go to `coerce`."""
        if isinstance(ann, str):
            ann = typing.ForwardRef(ann)
        if isinstance(ann, typing.ForwardRef):
            ann = getattr(sys.modules[module or "tecton.framework.repo_config"], ann.__forward_arg__)
        origin = typing.get_origin(ann)
        args = typing.get_args(ann)
        if origin is typing.Annotated:
            coerce.extend(_validator_names(ann.__metadata__))
            return self.type_of(args[0], coerce, module)
        if origin is typing.Union:
            members = [a for a in args if a is not type(None)]
            if len(members) == 1:
                return self.type_of(members[0], coerce, module)
            if all(_is_model(m) for m in members):
                for m in members:
                    self.add(m)
                return "union:kind:" + "|".join(m.__name__ for m in members)
            raise SystemExit(f"unsupported union {ann}")
        if origin is typing.Literal:
            return "literal:" + "|".join(str(a) for a in args)
        if origin in (list, typing.List, tuple, typing.Sequence):
            return f"list[{self.type_of(args[0], coerce, module) if args else 'any'}]"
        if origin in (dict, typing.Dict, typing.Mapping):
            if not args:
                return "dict[any,any]"
            return f"dict[{self.type_of(args[0], coerce, module)},{self.type_of(args[1], coerce, module)}]"
        if ann is typing.Any:
            return "any"
        if _is_model(ann):
            self.add(ann)
            return "model:" + ann.__name__
        if isinstance(ann, type):
            if issubclass(ann, bool):
                return "bool"
            if issubclass(ann, str):
                return "str"
            if issubclass(ann, int):
                return "int"
            if issubclass(ann, float):
                return "float"
            if issubclass(ann, datetime.datetime):
                return "datetime"
            if issubclass(ann, datetime.timedelta):
                return "timedelta"
        raise SystemExit(f"unsupported annotation {ann!r}")

    def add(self, model):
        name = model.__name__
        if name in self.models:
            return
        self.models[name] = None  # reserve: recursion
        self.order.append(name)
        fields = []
        kind = None
        if hasattr(model, "model_fields"):  # pydantic 2
            items = [(n, f, f.alias or n, f.is_required(), f.annotation, list(f.metadata), f.default)
                     for n, f in model.model_fields.items()]
        else:  # pydantic v1 (pydantic.v1)
            items = [(n, f, f.alias, f.required, f.annotation, None, f.default) for n, f in model.__fields__.items()]
        for n, f, key, required, ann, meta, default in items:
            coerce = []
            if meta is not None:
                coerce.extend(_validator_names(meta))
            else:
                for v in f.pre_validators or []:
                    vname = v.__name__.lstrip("_")
                    if vname != "validate_strict_type":
                        coerce.append(vname)
            nullable = typing.get_origin(ann) is typing.Union and type(None) in typing.get_args(ann)
            ty = self.type_of(ann, coerce, model.__module__)
            if n == "kind" and ty.startswith("literal:"):
                kind = ty[len("literal:"):]
                continue
            field = {"key": key, "type": ty, "required": bool(required), "nullable": nullable, "coerce": coerce}
            # 0.8.0's `json: CoercibleJsonStruct` without a default picks up BaseModel.json (a method) as its
            # default: the loader accepts the key left out, and building a view with it fails.
            if not required and callable(default) and not isinstance(default, type):
                field["unusable_default"] = True
            fields.append(field)
        self.models[name] = {"kind": kind, "fields": fields}


def _strs(values):
    return sorted(str(getattr(v, "value", v)) for v in values)


def build_checks(configs):
    out = {}
    defaults = getattr(configs, "DEFAULT_SPARK_VERSIONS", {})
    for cls, version_field, supported, availability, spark_default in (
        ("DatabricksClusterConfig", "dbr_version", "DATABRICKS_SUPPORTED_SPARK", "DATABRICKS_SUPPORTED_AVAILABILITY",
         "databricks_spark_version"),
        ("EMRClusterConfig", "emr_version", "EMR_SUPPORTED_SPARK", "EMR_SUPPORTED_AVAILABILITY", "emr_spark_version"),
    ):
        entry = {
            version_field: {"supported": _strs(getattr(configs, supported)),
                            "default": str(getattr(defaults.get(spark_default), "value", defaults.get(spark_default)))},
            "instance_availability": {"supported": _strs(getattr(configs, availability))},
        }
        if cls == "EMRClusterConfig" and hasattr(configs, "PYTHON_VERSION_EMR"):
            entry["python_version"] = {"supported": sorted(configs.PYTHON_VERSION_EMR)}
        out[cls] = entry
    return out


def main(argv):
    if "--merge" in argv:
        merged = {}
        for line in sys.stdin:
            if line.strip():
                merged.update(json.loads(line))
        print(json.dumps(merged, indent=1, sort_keys=False))
        return 0
    _isolate()
    with contextlib.redirect_stdout(io.StringIO()):
        from tecton import version as tecton_version
        from tecton.framework import configs
        from tecton.framework import repo_config
        from tecton_core import time_utils

    ex = Extractor()
    ex.add(repo_config.RepoConfig)
    import pydantic

    v2 = hasattr(repo_config.RepoConfig, "model_fields")
    data = {
        "engine": "pydantic2-strict" if v2 else "pydantic1-typeguard",
        "pydantic": pydantic.VERSION,
        "root": "RepoConfig",
        "models": {n: ex.models[n] for n in ex.order},
        "build": build_checks(configs),
        # DeltaConfig.time_partition_size strings are parsed with this (tecton_core.time_utils).
        "time_range_regex": time_utils._TIME_RANGE_REGEX,
    }
    print(json.dumps({tecton_version.get_version(): data}, sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
