from datetime import datetime, timedelta

from tecton.aggregation_functions import last_distinct
from tecton.types import Field, Float64, Int64, String, Timestamp
from tecton.v09_compat import Aggregation, FilteredSource, batch_feature_view, materialization_context

from data_sources import transactions_batch, transactions_stream
from entities import merchant, user


@batch_feature_view(
    sources=[FilteredSource(transactions_batch)],
    entities=[user],
    mode="spark_sql",
    aggregation_interval=timedelta(days=1),
    schema=[Field("user_id", String), Field("amount", Float64), Field("merchant_id", String), Field("timestamp", Timestamp)],
    aggregations=[
        Aggregation(column="amount", function="sum", time_window=timedelta(days=7)),
        Aggregation(column="amount", function="count", time_window=timedelta(days=30), name="txn_count_30d"),
        Aggregation(column="merchant_id", function=last_distinct(3), time_window=timedelta(days=7)),
    ],
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    tecton_materialization_runtime="1.0.10",
)
def user_spend(transactions):
    return f"SELECT user_id, amount, merchant_id, timestamp FROM {transactions}"


@batch_feature_view(
    sources=[transactions_batch],
    entities=[merchant],
    mode="pandas",
    schema=[Field("merchant_id", String), Field("avg_amount", Float64), Field("timestamp", Timestamp)],
    batch_schedule=timedelta(days=1),
    online=True,
    offline=False,
    feature_start_time=datetime(2024, 1, 1),
)
def merchant_avg_amount(transactions):
    out = transactions.groupby("merchant_id").agg(avg_amount=("amount", "mean"), timestamp=("timestamp", "max"))
    return out.reset_index()


@batch_feature_view(
    sources=[FilteredSource(transactions_batch, start_time_offset=timedelta(days=-2))],
    entities=[user],
    mode="spark_sql",
    schema=[
        Field("user_id", String),
        Field("event_ts", Timestamp),
        Field("txn_count_3d", Int64),
    ],
    timestamp_field="event_ts",
    batch_schedule=timedelta(days=1),
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
)
def user_recent_count(transactions, context=materialization_context()):
    return f"SELECT user_id, '{context.end_time}' AS event_ts, COUNT(*) AS txn_count_3d FROM {transactions} GROUP BY user_id"


@batch_feature_view(
    sources=[FilteredSource(transactions_stream)],
    entities=[user, merchant],
    mode="spark_sql",
    schema=[Field("user_id", String), Field("merchant_id", String), Field("timestamp", Timestamp), Field("last_amount", Float64)],
    batch_schedule=timedelta(days=1),
    online=False,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
)
def user_merchant_last_amount(transactions):
    return f"SELECT user_id, merchant_id, timestamp, amount AS last_amount FROM {transactions}"
