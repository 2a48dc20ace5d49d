from datetime import datetime, timedelta

from tecton import AggregationLeadingEdge, Attribute, stream_feature_view
from tecton.types import Float64

from rides.data_sources.trips import trips_stream
from rides.entities import rider


@stream_feature_view(
    source=trips_stream.unfiltered(),
    entities=[rider],
    mode="spark_sql",
    online=False,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=28),
    description="The fare of the rider's latest trip.",
    features=[Attribute("fare", Float64)],
    timestamp_field="ended_at",
    aggregation_leading_edge=AggregationLeadingEdge.LATEST_EVENT_TIME,
)
def last_fare_sql(trips):
    return f"SELECT ended_at, rider_id, fare FROM {trips}"
