from tecton import FeatureTable
from base import FT_ARGS
RT = "1.2.4"
def make(name):
    return FeatureTable(name=name, tecton_materialization_runtime=RT, **FT_ARGS)
