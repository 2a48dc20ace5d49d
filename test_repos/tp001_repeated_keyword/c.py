from tecton import FeatureTable
from base import FT_ARGS
FeatureTable(name="c_before", **FT_ARGS)
FeatureTable(name="dup_two_stars", **FT_ARGS, **{"entities": []})
FeatureTable(name="c_after", **FT_ARGS)
