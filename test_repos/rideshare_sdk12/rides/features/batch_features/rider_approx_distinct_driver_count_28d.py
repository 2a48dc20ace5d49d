from datetime import datetime, timedelta

from tecton import Aggregate, batch_feature_view
from tecton.aggregation_functions import approx_count_distinct
from tecton.types import Field, String

from rides.data_sources.trips import trips_batch
from rides.entities import rider


# The built-in approximate count; rider_distinct_driver_count_28d computes the exact one.
@batch_feature_view(
    sources=[trips_batch],
    entities=[rider],
    mode="spark_sql",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    aggregation_interval=timedelta(days=1),
    features=[
        Aggregate(
            input_column=Field("driver_id", String),
            function=approx_count_distinct(),
            time_window=timedelta(days=28),
        )
    ],
    tags={"team": "trust"},
    description="Approximate number of distinct drivers a rider rode with in 28 days.",
    timestamp_field="ended_at",
)
def rider_approx_distinct_driver_count_28d(trips):
    return f"SELECT rider_id, driver_id, ended_at FROM {trips}"
