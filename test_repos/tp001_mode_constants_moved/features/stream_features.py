from datetime import datetime, timedelta

from tecton import Aggregation, FilteredSource, StreamFeatureView, stream_feature_view
from tecton.types import Field, Float64, String, Timestamp

from data_sources import transactions_stream, user_clicks_push
from entities import user


@stream_feature_view(
    source=FilteredSource(transactions_stream),
    entities=[user],
    mode="spark_sql",
    aggregation_interval=timedelta(minutes=10),
    aggregations=[
        Aggregation(column="amount", function="mean", time_window=timedelta(hours=1)),
        Aggregation(column="amount", function="max", time_window=timedelta(hours=24)),
    ],
    online=True,
    offline=True,
    feature_start_time=datetime(2023, 6, 1),
    tecton_materialization_runtime="0.9.3",
)
def user_amount_stats_stream(transactions):
    return f"SELECT user_id, amount, timestamp FROM {transactions}"


@stream_feature_view(
    source=transactions_stream,
    entities=[user],
    mode="pyspark",
    schema=[Field("user_id", String), Field("last_amount", Float64), Field("timestamp", Timestamp)],
    online=False,
    offline=False,
)
def user_last_amount_draft(transactions):
    return transactions.selectExpr("user_id", "amount AS last_amount", "timestamp")


# Stream Ingest API: a PushSource with no transformation.
user_click_counts = StreamFeatureView(
    name="user_click_counts",
    source=user_clicks_push,
    entities=[user],
    online=True,
    offline=True,
    feature_start_time=datetime(2023, 6, 1),
    aggregations=[Aggregation(column="clicks", function="sum", time_window=timedelta(hours=1))],
    schema=[Field("user_id", String), Field("timestamp", Timestamp), Field("clicks", Float64)],
)
