from datetime import datetime, timedelta

import tecton.v09_compat as v09
from tecton.types import Field, Float64, Int64, String, Timestamp

from data_sources import orders, score_push
from entities import customer


@v09.batch_feature_view(
    sources=[v09.FilteredSource(orders, start_time_offset=timedelta(days=-2))],
    entities=[customer],
    mode="spark_sql",
    schema=[Field("customer_id", String), Field("ts", Timestamp), Field("n", Int64)],
    batch_schedule=timedelta(days=1),
    online=False,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
)
def customer_count(orders):
    return f"SELECT customer_id, ts, 1 AS n FROM {orders}"


customer_score = v09.StreamFeatureView(
    name="customer_score",
    source=score_push,
    entities=[customer],
    online=True,
    offline=False,
    schema=[Field("customer_id", String), Field("ts", Timestamp), Field("score", Float64)],
    ttl=timedelta(days=1),
)
