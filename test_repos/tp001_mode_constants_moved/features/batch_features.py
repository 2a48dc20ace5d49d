from datetime import datetime, timedelta

from tecton import Aggregation, DatabricksClusterConfig, FilteredSource, batch_feature_view
from tecton.types import Field, Float64, String, Timestamp

from data_sources import merchants_batch, transactions_batch
from entities import merchant, user


# Materialized on Spark, runtime from repo.yaml (batch_feature_view default).
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
    feature_start_time=datetime(2023, 6, 1),
)
def user_spend_totals(transactions):
    return f"SELECT user_id, amount, timestamp FROM {transactions}"


# Explicit runtime, offline only.
@batch_feature_view(
    sources=[merchants_batch],
    entities=[merchant],
    mode="pyspark",
    schema=[Field("merchant_id", String), Field("category", String), Field("updated_at", Timestamp)],
    timestamp_field="updated_at",
    batch_schedule=timedelta(days=1),
    online=False,
    offline=True,
    feature_start_time=datetime(2023, 6, 1),
    tecton_materialization_runtime="0.8.18",
)
def merchant_category(merchants):
    return merchants.select("merchant_id", "category", "updated_at")


# Explicit None: the repo.yaml default applies.
@batch_feature_view(
    sources=[FilteredSource(transactions_batch, start_time_offset=timedelta(days=-29))],
    entities=[user],
    mode="spark_sql",
    schema=[Field("user_id", String), Field("avg_amount_30d", Float64), Field("timestamp", Timestamp)],
    batch_schedule=timedelta(days=1),
    online=True,
    offline=False,
    feature_start_time=datetime(2023, 6, 1),
    tecton_materialization_runtime=None,
)
def user_avg_amount_30d(transactions):
    return f"""
        SELECT user_id, AVG(amount) AS avg_amount_30d, MAX(timestamp) AS timestamp
        FROM {transactions}
        GROUP BY user_id
        """


# Not materialized: no runtime needed, the default is still merged in.
@batch_feature_view(
    sources=[transactions_batch],
    entities=[user, merchant],
    mode="spark_sql",
    schema=[Field("user_id", String), Field("merchant_id", String), Field("timestamp", Timestamp)],
)
def user_merchant_pairs(transactions):
    return f"SELECT DISTINCT user_id, merchant_id, timestamp FROM {transactions}"


# Pandas mode on a Spark cluster of its own (the repo.yaml default is Rift).
@batch_feature_view(
    sources=[FilteredSource(merchants_batch)],
    entities=[merchant],
    mode="pandas",
    batch_compute=DatabricksClusterConfig(instance_type="m5.xlarge"),
    schema=[Field("merchant_id", String), Field("name_length", Float64), Field("updated_at", Timestamp)],
    timestamp_field="updated_at",
    batch_schedule=timedelta(days=1),
    online=True,
    offline=True,
    feature_start_time=datetime(2023, 6, 1),
)
def merchant_name_length(merchants):
    merchants["name_length"] = merchants["name"].str.len().astype("float64")
    return merchants[["merchant_id", "name_length", "updated_at"]]
