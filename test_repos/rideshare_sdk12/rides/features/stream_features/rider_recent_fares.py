from datetime import datetime, timedelta

from tecton import Aggregate, AggregationLeadingEdge, stream_feature_view
from tecton.aggregation_functions import last_distinct
from tecton.types import Field, String

from rides.data_sources.trips import trips_stream
from rides.entities import rider


# The last few distinct fares, refreshed every ten minutes online.
@stream_feature_view(
    source=trips_stream,
    entities=[rider],
    mode="spark_sql",
    aggregation_interval=timedelta(minutes=10),
    batch_schedule=timedelta(days=1),
    features=[
        Aggregate(input_column=Field("fare", String), function=last_distinct(5), time_window=timedelta(hours=6))
    ],
    timestamp_field="ended_at",
    online=False,
    offline=False,
    feature_start_time=datetime(2024, 1, 1),
    prevent_destroy=False,
    tags={"team": "trust"},
    owner="trust-team@rideshare.example",
    description="The rider's five latest distinct fares.",
    aggregation_leading_edge=AggregationLeadingEdge.LATEST_EVENT_TIME,
)
def rider_recent_fares(trips):
    return f"SELECT rider_id, CAST(fare AS STRING) AS fare, ended_at FROM {trips}"
