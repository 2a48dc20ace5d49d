from datetime import datetime, timedelta

import tecton.v09_compat
from tecton.types import Field, Float64, String, Timestamp

from data_sources import orders
from entities import customer


@tecton.v09_compat.batch_feature_view(
    sources=[tecton.v09_compat.FilteredSource(orders)],
    entities=[customer],
    mode="spark_sql",
    aggregation_interval=timedelta(days=1),
    schema=[Field("customer_id", String), Field("amount", Float64), Field("ts", Timestamp)],
    aggregations=[tecton.v09_compat.Aggregation(column="amount", function="sum", time_window=timedelta(days=7))],
    online=False,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
)
def customer_spend(orders):
    return f"SELECT customer_id, amount, ts FROM {orders}"


customer_scores = tecton.v09_compat.FeatureTable(
    name="customer_scores",
    entities=[customer],
    schema=[Field("customer_id", String), Field("ts", Timestamp), Field("score", Float64)],
    online=False,
    offline=True,
    ttl=timedelta(days=7),
)
