from datetime import datetime, timedelta

from tecton import Attribute, batch_feature_view
from tecton.types import Int64

from features import settings, sources


@batch_feature_view(
    sources=[sources.orders],
    entities=[sources.merchant],
    mode="pandas",
    online=False,
    offline=True,
    batch_schedule=timedelta(days=1),
    feature_start_time=datetime(2024, 1, 1),
    timestamp_field="ts",
    features=[Attribute("order_count", Int64)],
    tecton_materialization_runtime=settings.RETIRED,
)
def merchant_orders(orders):
    return orders


@batch_feature_view(
    sources=[sources.orders],
    entities=[sources.merchant],
    mode="pandas",
    online=False,
    offline=True,
    batch_schedule=timedelta(days=1),
    feature_start_time=datetime(2024, 1, 1),
    timestamp_field="ts",
    features=[Attribute("order_total", Int64)],
    tecton_materialization_runtime=settings.CURRENT,
)
def merchant_totals(orders):
    return orders
