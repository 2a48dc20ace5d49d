from tecton import batch_feature_view
from base import ARGS, plain
@plain
@batch_feature_view(**ARGS)
def w_outer(src):
    return src
