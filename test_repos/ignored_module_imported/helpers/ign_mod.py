from tecton import FeatureTable
from base import FT_ARGS
FeatureTable(name="from_ignored_module", **FT_ARGS)
