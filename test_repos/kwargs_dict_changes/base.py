from datetime import timedelta
from tecton import Entity, BatchSource, FileConfig, Attribute
from tecton.types import Field, String, Int64

user = Entity(name="user", join_keys=[Field("user_id", String)])
src = BatchSource(name="src", batch_config=FileConfig(uri="s3://x/", file_format="parquet", timestamp_field="ts"))
FEATS = [Attribute("x", Int64)]
BFV_ARGS = dict(sources=[src], entities=[user], mode="spark_sql", features=FEATS, timestamp_field="ts", batch_schedule=timedelta(days=1))
FT_ARGS = dict(entities=[user], features=FEATS, timestamp_field="ts")
