from tecton import FeatureTable
from base import FT_ARGS
FeatureTable("positional_name", **FT_ARGS)
FeatureTable(name="d_after", **FT_ARGS)
