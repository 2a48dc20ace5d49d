from tecton import BatchSource, Entity, FileConfig
from tecton.types import Field, String

warehouse = Entity(name="warehouse", join_keys=[Field("warehouse_id", String)])

stock_moves = BatchSource(
    name="stock_moves",
    batch_config=FileConfig(uri="s3://depot-example/stock-moves/", file_format="parquet", timestamp_field="moved_at"),
)
