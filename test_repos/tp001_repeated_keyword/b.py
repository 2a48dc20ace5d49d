from tecton import FeatureTable
from base import FT_ARGS
FeatureTable(name="b_before", **FT_ARGS)
FeatureTable(name="dup_literal", online=True, online=False, **FT_ARGS)
