from datetime import datetime, timedelta

from tecton.types import Field, Float64, String, Timestamp
from tecton.v09_compat import Aggregation, FilteredSource, batch_feature_view

from data_sources import transactions_batch
from entities import merchant, user


@batch_feature_view(
    sources=[FilteredSource(transactions_batch)],
    entities=[user],
    mode="spark_sql",
    aggregation_interval=timedelta(days=1),
    aggregations=[
        Aggregation(column="amount", function="sum", time_window=timedelta(days=7)),
        Aggregation(column="amount", function="count", time_window=timedelta(days=30)),
    ],
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    tecton_materialization_runtime="1.0.10",
)
def user_spend(transactions):
    return f"SELECT user_id, amount, timestamp FROM {transactions}"


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
