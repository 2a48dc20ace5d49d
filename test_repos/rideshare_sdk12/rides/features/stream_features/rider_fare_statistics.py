from datetime import datetime, timedelta

from tecton import Aggregate, stream_feature_view
from tecton.aggregation_functions import (
    approx_percentile,
    first,
    first_distinct,
    last,
    last_distinct,
)
from tecton.types import Field, Float64, String

from rides.data_sources.trips import trips_stream
from rides.entities import rider

fare = Field("fare", Float64)
HOUR = timedelta(hours=1)


# One of each aggregation function, over the last hour of trips.
@stream_feature_view(
    source=trips_stream,
    entities=[rider],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    aggregation_interval=timedelta(minutes=5),
    features=[
        Aggregate(input_column=fare, function="sum", time_window=HOUR, description="Fares paid."),
        Aggregate(input_column=fare, function="mean", time_window=HOUR, description="Average fare."),
        Aggregate(input_column=fare, function="count", time_window=HOUR, description="Trips."),
        Aggregate(input_column=fare, function="min", time_window=HOUR, description="Lowest fare."),
        Aggregate(input_column=fare, function="max", time_window=HOUR, description="Highest fare."),
        Aggregate(input_column=fare, function="stddev_pop", time_window=HOUR),
        Aggregate(input_column=fare, function="stddev_samp", time_window=HOUR),
        Aggregate(input_column=fare, function="var_pop", time_window=HOUR),
        Aggregate(input_column=fare, function="var_samp", time_window=HOUR),
        Aggregate(
            input_column=fare,
            function=approx_percentile(percentile=0.9, precision=200),
            time_window=HOUR,
            description="90th percentile fare.",
        ),
        Aggregate(input_column=fare, function=first(3), time_window=HOUR),
        Aggregate(input_column=fare, function="last", time_window=HOUR),
        Aggregate(input_column=fare, function=last(3), time_window=HOUR),
        Aggregate(input_column=Field("driver_id", String), function=first_distinct(3), time_window=HOUR),
        Aggregate(input_column=Field("driver_id", String), function=last_distinct(3), time_window=HOUR),
    ],
    timestamp_field="ended_at",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
)
def rider_fare_statistics(trips):
    return f"SELECT rider_id, fare, driver_id, ended_at FROM {trips}"
