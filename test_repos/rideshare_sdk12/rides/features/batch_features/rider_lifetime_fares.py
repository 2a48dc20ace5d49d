from datetime import datetime, timedelta

from tecton import Aggregate, LifetimeWindow, batch_feature_view
from tecton.types import Field, Float32

from rides.data_sources.trips import trips_batch
from rides.entities import rider


@batch_feature_view(
    sources=[trips_batch],
    description="Fares over a rider's whole history.",
    mode="spark_sql",
    entities=[rider],
    compaction_enabled=True,
    batch_schedule=timedelta(days=1),
    lifetime_start_time=datetime(2015, 6, 1),
    timestamp_field="ended_at",
    features=[
        Aggregate(
            input_column=Field("fare", Float32),
            function="max",
            time_window=LifetimeWindow(),
            description="Highest fare the rider ever paid.",
        ),
        Aggregate(
            input_column=Field("fare", Float32),
            function="sum",
            time_window=LifetimeWindow(),
            description="Everything the rider ever paid.",
        ),
    ],
)
def rider_fare_history(trips):
    return f"SELECT rider_id, ended_at, fare FROM {trips}"
