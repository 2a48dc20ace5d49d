from tecton import Entity, BatchSource, FileConfig
from tecton.types import Field, String

user = Entity(name="user", join_keys=[Field("user_id", String)])

transactions = BatchSource(
    name="transactions",
    batch_config=FileConfig(uri="s3://bucket/transactions/", file_format="parquet", timestamp_field="timestamp"),
)
