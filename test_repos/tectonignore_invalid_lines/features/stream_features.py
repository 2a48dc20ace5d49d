from datetime import datetime, timedelta

from tecton import Aggregate, Attribute, StreamFeatureView, stream_feature_view
from tecton.types import Field, Int64

from data_sources import conversions_push, impressions_stream
from entities import account


@stream_feature_view(
    source=impressions_stream,
    entities=[account],
    mode="pyspark",
    aggregation_interval=timedelta(minutes=1),
    features=[
        Aggregate(input_column=Field("clicked", Int64), function="sum", time_window=timedelta(minutes=15)),
        Aggregate(input_column=Field("clicked", Int64), function="sum", time_window=timedelta(hours=1)),
    ],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    feature_start_time=datetime(2025, 1, 1),
)
def account_clicks_recent(impressions):
    return impressions.select("account_id", "clicked", "timestamp")


@stream_feature_view(
    source=impressions_stream,
    entities=[account],
    mode="spark_sql",
    features=[Attribute("last_campaign_id", Int64)],
    timestamp_field="timestamp",
    ttl=timedelta(days=3),
    online=False,
    offline=False,
    tecton_materialization_runtime="1.3.0b4",
)
def account_last_campaign(impressions):
    return f"SELECT account_id, campaign_id AS last_campaign_id, timestamp FROM {impressions}"


account_conversions = StreamFeatureView(
    name="account_conversions",
    source=conversions_push,
    entities=[account],
    features=[Aggregate(input_column=Field("conversions", Int64), function="sum", time_window=timedelta(days=1))],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    feature_start_time=datetime(2025, 1, 1),
    tecton_materialization_runtime="1.2.13",
)
