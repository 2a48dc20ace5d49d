from tecton import batch_feature_view
from base import ARGS, wrapped
@batch_feature_view(**ARGS)
@wrapped
def w_wraps(src):
    return src
