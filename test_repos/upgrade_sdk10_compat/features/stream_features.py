from datetime import datetime, timedelta

from tecton.types import Field, Float64, String, Timestamp
from tecton.v09_compat import Aggregation, FilteredSource, StreamFeatureView, stream_feature_view

from data_sources import score_push, transactions_stream
from entities import user


@stream_feature_view(
    source=FilteredSource(transactions_stream),
    entities=[user],
    mode="spark_sql",
    aggregation_interval=timedelta(minutes=10),
    schema=[Field("user_id", String), Field("timestamp", Timestamp), Field("amount", Float64)],
    aggregations=[Aggregation("amount", "max", timedelta(hours=1), description="the largest amount in the hour")],
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
)
def user_max_amount_1h(transactions):
    return f"SELECT user_id, amount, timestamp FROM {transactions}"


user_external_score = StreamFeatureView(
    name="user_external_score",
    source=score_push,
    entities=[user],
    online=True,
    offline=False,
    schema=[Field("user_id", String), Field("timestamp", Timestamp), Field("score", Float64)],
    ttl=timedelta(days=1),
)
