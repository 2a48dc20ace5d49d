from tecton import BatchSource, Entity, FileConfig
from tecton.types import Field, String

meter = Entity(name="meter", join_keys=[Field("meter_id", String)])

readings = BatchSource(
    name="readings",
    batch_config=FileConfig(uri="s3://grid-example/readings/", file_format="parquet", timestamp_field="read_at"),
)
