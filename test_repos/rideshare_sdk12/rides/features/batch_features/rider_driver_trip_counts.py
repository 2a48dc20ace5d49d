from datetime import datetime, timedelta

from tecton import Aggregate, batch_feature_view
from tecton.types import Field, Int32

from rides.data_sources.trips import trips_batch
from rides.entities import driver, rider


@batch_feature_view(
    sources=[trips_batch],
    entities=[rider, driver],
    mode="spark_sql",
    aggregation_interval=timedelta(days=1),
    features=[
        Aggregate(input_column=Field("trip", Int32), function="count", time_window=timedelta(days=7)),
        Aggregate(input_column=Field("trip", Int32), function="count", time_window=timedelta(days=28)),
        Aggregate(input_column=Field("trip", Int32), function="count", time_window=timedelta(days=84)),
    ],
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    tags={"team": "trust"},
    owner="trust-team@rideshare.example",
    description="Trips a rider took with one driver.",
    timestamp_field="ended_at",
)
def rider_driver_trip_counts(trips):
    return f"SELECT rider_id, driver_id, 1 AS trip, ended_at FROM {trips}"
