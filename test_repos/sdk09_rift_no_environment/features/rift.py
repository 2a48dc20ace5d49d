from datetime import datetime, timedelta

from tecton import RiftBatchConfig, batch_feature_view
from tecton.types import Field, Float64, String, Timestamp

from sources import customer, orders


@batch_feature_view(
    sources=[orders],
    entities=[customer],
    mode="pandas",
    batch_compute=RiftBatchConfig(),
    schema=[Field("customer_id", String), Field("amount", Float64), Field("ts", Timestamp)],
    batch_schedule=timedelta(days=1),
    online=False,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
)
def no_env(orders):
    return orders


@batch_feature_view(
    sources=[orders],
    entities=[customer],
    mode="pandas",
    batch_compute=RiftBatchConfig(),
    environment="tecton-rift-core-0.9.0",
    schema=[Field("customer_id", String), Field("amount", Float64), Field("ts", Timestamp)],
    batch_schedule=timedelta(days=1),
    online=False,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
)
def with_env(orders):
    return orders
