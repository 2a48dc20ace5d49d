from datetime import timedelta
from tecton import batch_feature_view, Entity, BatchSource, HiveConfig, Attribute
from tecton.types import Field, String, Int64

user = Entity(name="user", join_keys=[Field("user_id", String)])
src = BatchSource(name="src", batch_config=HiveConfig(database="d", table="t", timestamp_field="ts"))


@batch_feature_view(name="", sources=[src], entities=[user], mode="spark_sql", online=True, timestamp_field="ts", features=[Attribute("x", Int64)], batch_schedule=timedelta(days=1))
def empty_name_falls_back(src):
    return f"select * from {src}"
