from tecton import batch_feature_view
from base import ARGS, plain
@batch_feature_view(**ARGS)
@plain
def w_plain(src):
    return src
