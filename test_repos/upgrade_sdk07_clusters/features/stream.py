from datetime import datetime, timedelta

from tecton import Aggregation, DatabricksClusterConfig, stream_feature_view

from clusters import stream_cluster
from entities import customer
from sources import payments_stream


@stream_feature_view(
    source=payments_stream,
    entities=[customer],
    mode="spark_sql",
    aggregation_interval=timedelta(minutes=5),
    aggregations=[Aggregation(column="amount", function="sum", time_window=timedelta(hours=1))],
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    stream_compute=DatabricksClusterConfig("m5.xlarge", "spot", 2),
)
def customer_payment_totals(payments):
    return f"SELECT customer_id, amount, timestamp FROM {payments}"


@stream_feature_view(
    source=payments_stream,
    entities=[customer],
    mode="spark_sql",
    aggregation_interval=timedelta(minutes=5),
    aggregations=[Aggregation(column="amount", function="count", time_window=timedelta(hours=1))],
    online=True,
    offline=False,
    feature_start_time=datetime(2024, 1, 1),
    stream_compute=stream_cluster,
)
def customer_payment_counts(payments):
    return f"SELECT customer_id, amount, timestamp FROM {payments}"
