from tecton import BatchSource, Entity, FileConfig
from tecton.types import Field, String

merchant = Entity(name="merchant", join_keys=[Field("merchant_id", String)])

orders = BatchSource(
    name="orders",
    batch_config=FileConfig(uri="s3://bucket/orders.parquet", file_format="parquet", timestamp_field="ts"),
)
