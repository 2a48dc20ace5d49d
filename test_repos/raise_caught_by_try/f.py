from tecton import FeatureTable
from base import FT_ARGS
try:
    raise ValueError("x")
except ValueError:
    FeatureTable(name="in_except", **FT_ARGS)
finally:
    FeatureTable(name="in_finally", **FT_ARGS)
FeatureTable(name="after_try", **FT_ARGS)
