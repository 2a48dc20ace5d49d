from datetime import datetime, timedelta

from tecton import Attribute, BatchSource, FileConfig, batch_feature_view
from tecton.types import Float64

from entities import customer

orders = BatchSource(
    name="orders",
    batch_config=FileConfig(uri="s3://bucket/orders.parquet", file_format="parquet", timestamp_field="ts"),
)


@batch_feature_view(
    sources=[orders],
    entities=[customer],
    mode="pandas",
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    offline=True,
    batch_schedule=timedelta(days=1),
    feature_start_time=datetime(2025, 1, 1),
    tecton_materialization_runtime="1.1.0",
)
def order_amounts(orders):
    return orders
