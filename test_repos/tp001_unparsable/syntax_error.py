from tecton import batch_feature_view

@batch_feature_view(mode="spark_sql"
def broken(df):
    return df
