from datetime import timedelta

from tecton import FeatureTable
from tecton.types import Field, Float64, String, Timestamp

from entities import customer

customer_ltv_predictions = FeatureTable(
    name="customer_ltv_predictions",
    entities=[customer],
    schema=[Field("customer_id", String), Field("timestamp", Timestamp), Field("ltv", Float64)],
    online=True,
    offline=True,
    ttl=timedelta(days=30),
    tecton_materialization_runtime="0.9.25",
)
