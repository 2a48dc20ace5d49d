from datetime import datetime, timedelta

from tecton import Aggregate, Attribute, batch_feature_view, transformation
from tecton.types import Field, Float64, Int64

from data_sources import campaigns_batch, impressions_batch
from entities import account, campaign

START = datetime(2025, 1, 1)


@batch_feature_view(
    sources=[impressions_batch],
    entities=[account],
    mode="spark_sql",
    aggregation_interval=timedelta(days=1),
    features=[
        Aggregate(input_column=Field("clicked", Int64), function="sum", time_window=timedelta(days=7)),
        Aggregate(input_column=Field("clicked", Int64), function="count", time_window=timedelta(days=7)),
    ],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    feature_start_time=START,
    tecton_materialization_runtime="1.2.5",
)
def account_clicks_7d(impressions):
    return f"SELECT account_id, clicked, timestamp FROM {impressions}"


@batch_feature_view(
    sources=[impressions_batch.select_range(start_time=datetime(2025, 1, 1), end_time=datetime(2025, 6, 1))],
    entities=[campaign],
    mode="spark_sql",
    features=[Attribute("h1_impressions", Int64)],
    timestamp_field="timestamp",
    batch_schedule=timedelta(days=1),
    online=False,
    offline=True,
    feature_start_time=START,
    tecton_materialization_runtime=None,
)
def campaign_h1_impressions(impressions):
    return f"SELECT campaign_id, COUNT(*) AS h1_impressions, MAX(timestamp) AS timestamp FROM {impressions} GROUP BY 1"


# Pandas mode, no environment: Spark or Rift is decided by the deployment.
@batch_feature_view(
    sources=[campaigns_batch],
    entities=[campaign],
    mode="pandas",
    features=[Attribute("daily_budget", Float64)],
    timestamp_field="updated_at",
    batch_schedule=timedelta(days=1),
    online=True,
    offline=True,
    feature_start_time=START,
)
def campaign_budget(campaigns):
    return campaigns[["campaign_id", "daily_budget", "updated_at"]]


# Rift: an explicit environment.
@batch_feature_view(
    sources=[campaigns_batch],
    entities=[campaign],
    mode="pandas",
    features=[Attribute("bid_cap", Float64)],
    timestamp_field="updated_at",
    batch_schedule=timedelta(days=1),
    online=True,
    offline=False,
    feature_start_time=START,
    environment="tecton-core-1.2.0",
)
def campaign_bid_cap(campaigns):
    return campaigns[["campaign_id", "bid_cap", "updated_at"]]


@transformation(mode="spark_sql")
def select_clicks(impressions):
    return f"SELECT account_id, campaign_id, clicked, timestamp FROM {impressions}"


@transformation(mode="pyspark")
def add_ctr_bucket(df):
    from pyspark.sql import functions as F

    return df.withColumn("ctr_bucket", F.col("clicked") * 10)


# Pipeline mode: the root is a user @transformation, composed of two.
@batch_feature_view(
    sources=[impressions_batch],
    entities=[account, campaign],
    mode="pipeline",
    features=[Attribute("ctr_bucket", Int64)],
    timestamp_field="timestamp",
    batch_schedule=timedelta(days=1),
    online=False,
    offline=False,
)
def account_campaign_ctr_bucket(impressions):
    return add_ctr_bucket(select_clicks(impressions))
