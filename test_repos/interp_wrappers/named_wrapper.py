from tecton import transformation, batch_feature_view
from base import ARGS, plain, plain1
@transformation(mode="pandas")
@plain
def t_plain(df):
    return df
@batch_feature_view(**ARGS)
@plain1
def w_plain1(src):
    return src
@batch_feature_view(**ARGS, online=True)
@plain1
def w_plain1_again(src):
    return src
