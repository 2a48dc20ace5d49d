from datetime import datetime, timedelta

from tecton import Aggregate, AggregationLeadingEdge, Attribute, StreamFeatureView, stream_feature_view
from tecton.types import Field, Float64, Int64

from data_sources import driver_status_push, trips_stream
from entities import driver


@stream_feature_view(
    source=trips_stream,
    entities=[driver],
    mode="spark_sql",
    aggregation_interval=timedelta(minutes=5),
    features=[
        Aggregate(input_column=Field("fare", Float64), function="count", time_window=timedelta(hours=1)),
        Aggregate(input_column=Field("fare", Float64), function="max", time_window=timedelta(hours=1)),
    ],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 6, 1),
    aggregation_leading_edge=AggregationLeadingEdge.LATEST_EVENT_TIME,
)
def driver_trips_last_hour(trips):
    return f"SELECT driver_id, fare, timestamp FROM {trips}"


@stream_feature_view(
    source=trips_stream,
    entities=[driver],
    mode="pyspark",
    features=[Attribute("last_fare", Float64)],
    timestamp_field="timestamp",
    online=True,
    offline=False,
    ttl=timedelta(days=1),
    tecton_materialization_runtime="1.1.3",
)
def driver_last_fare(trips):
    return trips.selectExpr("driver_id", "fare AS last_fare", "timestamp")


driver_status = StreamFeatureView(
    name="driver_status",
    source=driver_status_push,
    entities=[driver],
    features=[Attribute("online_minutes", Int64), Attribute("rating", Float64)],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    ttl=timedelta(hours=12),
)
