from tecton import FeatureTable
from base import FT_ARGS
FeatureTable(name="never_imported", **FT_ARGS)
