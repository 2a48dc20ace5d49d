from datetime import timedelta

from tecton import Aggregate, TimeWindowSeries, batch_feature_view
from tecton.types import Field, Int32

from rides.data_sources.trips import trips_batch
from rides.entities import rider


@batch_feature_view(
    sources=[trips_batch],
    mode="spark_sql",
    entities=[rider],
    aggregation_interval=timedelta(days=1),
    description="Trips per day over the past two weeks.",
    timestamp_field="ended_at",
    features=[
        Aggregate(
            input_column=Field("trip", Int32),
            function="sum",
            time_window=TimeWindowSeries(series_start=timedelta(days=-14), window_size=timedelta(days=1)),
            description="One count per day, oldest first.",
        )
    ],
)
def rider_daily_trips(trips):
    return f"SELECT rider_id, ended_at, 1 AS trip FROM {trips}"
