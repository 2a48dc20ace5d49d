from tecton import FeatureTable
from base import FT_ARGS
from shared import COMMON, COMMON2
FeatureTable(name="k_dictcall", **dict(online=True, tecton_materialization_runtime="1.2.3"), **FT_ARGS)
FeatureTable(name="k_literal", **{"offline": True, "tecton_materialization_runtime": "1.2.4"}, **FT_ARGS)
FeatureTable(name="k_other_mod", **COMMON, **FT_ARGS)
FeatureTable(name="k_merge", **{**COMMON, "online": False, "tecton_materialization_runtime": "1.2.5"}, **FT_ARGS)
FeatureTable(name="k_merge_rev", **{"online": False, **COMMON}, **FT_ARGS)
FeatureTable(name="k_dict_kw", **dict(COMMON, online=False), **FT_ARGS)
FeatureTable(name="k_pipe", **(COMMON | {"tecton_materialization_runtime": "1.2.6"}), **FT_ARGS)
X = dict(COMMON2)
X["online"] = True
X["tecton_materialization_runtime"] = "1.2.7"
FeatureTable(name="k_mutated", **X, **FT_ARGS)
Y = dict(COMMON2)
Y.update(online=True, tecton_materialization_runtime="1.2.8")
FeatureTable(name="k_updated", **Y, **FT_ARGS)
Z = {}
Z.setdefault("online", True)
FeatureTable(name="k_setdefault", **Z, **FT_ARGS)
COMMON2["online"] = True
FeatureTable(name="k_mutated_import", **COMMON2, **FT_ARGS)
W = {**COMMON}
del W["online"]
FeatureTable(name="k_del", **W, **FT_ARGS)
P = dict(COMMON)
P.pop("tecton_materialization_runtime")
FeatureTable(name="k_pop", **P, **FT_ARGS)
FeatureTable(name="k_dictcomp", **{k: True for k in ["online", "offline"]}, **FT_ARGS)
FeatureTable(**{"name": "k_name_in_kwargs"}, **FT_ARGS)
