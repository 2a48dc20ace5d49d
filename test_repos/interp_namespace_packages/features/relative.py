from datetime import datetime, timedelta

from tecton import Attribute, batch_feature_view
from tecton.types import Int64

from . import settings
from .sources import merchant, orders


@batch_feature_view(
    sources=[orders],
    entities=[merchant],
    mode="pandas",
    online=False,
    offline=True,
    batch_schedule=timedelta(days=1),
    feature_start_time=datetime(2024, 1, 1),
    timestamp_field="ts",
    features=[Attribute("refund_count", Int64)],
    tecton_materialization_runtime=settings.CURRENT,
)
def merchant_refunds(orders):
    return orders
