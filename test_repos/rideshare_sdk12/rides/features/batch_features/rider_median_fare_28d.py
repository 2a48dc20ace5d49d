from datetime import datetime, timedelta

from tecton import Aggregate, batch_feature_view
from tecton.aggregation_functions import approx_percentile
from tecton.types import Field, Float64

from rides.data_sources.trips import trips_batch
from rides.entities import rider


@batch_feature_view(
    sources=[trips_batch],
    entities=[rider],
    mode="spark_sql",
    online=False,
    offline=False,
    feature_start_time=datetime(2024, 1, 1),
    aggregation_interval=timedelta(days=1),
    features=[
        Aggregate(
            input_column=Field("fare", Float64),
            function=approx_percentile(percentile=0.5),
            time_window=timedelta(days=28),
        )
    ],
    description="Median fare of a rider over 28 days.",
    timestamp_field="ended_at",
)
def rider_median_fare_28d(trips):
    return f"SELECT ended_at, rider_id, fare FROM {trips}"
