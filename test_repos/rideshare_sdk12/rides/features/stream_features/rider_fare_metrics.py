from datetime import datetime, timedelta

from tecton import Aggregate, AggregationLeadingEdge, stream_feature_view
from tecton.types import Field, Float64

from rides.data_sources.trips import trips_stream
from rides.entities import rider


@stream_feature_view(
    source=trips_stream,
    entities=[rider],
    mode="pandas",
    environment="tecton-core-1.1.0",
    aggregation_interval=timedelta(minutes=10),
    batch_schedule=timedelta(days=1),
    features=[
        Aggregate(input_column=Field("fare", Float64), function="sum", time_window=timedelta(hours=1)),
        Aggregate(input_column=Field("fare", Float64), function="sum", time_window=timedelta(days=1)),
        Aggregate(input_column=Field("fare", Float64), function="sum", time_window=timedelta(days=7)),
        Aggregate(input_column=Field("fare", Float64), function="mean", time_window=timedelta(hours=1)),
        Aggregate(input_column=Field("fare", Float64), function="mean", time_window=timedelta(days=1)),
        Aggregate(input_column=Field("fare", Float64), function="mean", time_window=timedelta(days=7)),
    ],
    timestamp_field="ended_at",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    tags={"team": "trust"},
    owner="trust-team@rideshare.example",
    description="Fare totals and averages, refreshed every ten minutes.",
    aggregation_leading_edge=AggregationLeadingEdge.LATEST_EVENT_TIME,
)
def rider_fare_metrics(trips):
    # Only the input columns: Tecton computes the aggregates declared above.
    return trips[["rider_id", "fare", "ended_at"]]
