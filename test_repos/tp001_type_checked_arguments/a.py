from datetime import datetime, timedelta
from tecton import batch_feature_view, Entity, BatchSource, HiveConfig, Attribute
from tecton.types import Field, String, Int64
user = Entity(name="user", join_keys=[Field("user_id", String)])
src = BatchSource(name="src", batch_config=HiveConfig(database="d", table="t", timestamp_field="ts"))
@batch_feature_view(sources=[src], entities=[user], mode="spark_sql", online=None, timestamp_field="ts", features=[Attribute("x", Int64)], batch_schedule=timedelta(days=1))
def bfv_none(src):
    return f"select * from {src}"
