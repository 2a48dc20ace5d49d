from datetime import datetime, timedelta

from tecton import Aggregate, batch_feature_view
from tecton.types import Field, Int32

from rides.data_sources.trips import trips_batch
from rides.entities import driver


@batch_feature_view(
    sources=[trips_batch],
    entities=[driver],
    mode="spark_sql",
    online=True,
    offline=True,
    aggregation_interval=timedelta(days=1),
    features=[
        Aggregate(input_column=Field("cancelled", Int32), function="mean", time_window=timedelta(days=7)),
        Aggregate(input_column=Field("cancelled", Int32), function="mean", time_window=timedelta(days=28)),
        Aggregate(input_column=Field("cancelled", Int32), function="mean", time_window=timedelta(days=84)),
    ],
    feature_start_time=datetime(2024, 1, 1),
    description="Share of a driver's trips that were cancelled.",
    timestamp_field="ended_at",
)
def driver_cancel_rate(trips):
    return f"SELECT driver_id, cancelled, ended_at FROM {trips}"
