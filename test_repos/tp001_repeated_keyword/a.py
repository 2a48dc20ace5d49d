from tecton import FeatureTable
from base import FT_ARGS
FeatureTable(name="a_before", **FT_ARGS)
FeatureTable(name="dup_via_star", online=True, **{"online": False}, **FT_ARGS)
FeatureTable(name="a_after", **FT_ARGS)
