from datetime import datetime, timedelta

from tecton import Attribute, TectonTimeConstant, batch_feature_view
from tecton.types import Int64

from rides.data_sources.trips import trips_batch
from rides.entities import rider


@batch_feature_view(
    sources=[
        trips_batch.select_range(
            start_time=TectonTimeConstant.MATERIALIZATION_START_TIME - timedelta(days=27),
            end_time=TectonTimeConstant.MATERIALIZATION_END_TIME,
        )
    ],
    entities=[rider],
    mode="spark_sql",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    incremental_backfills=True,
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=3),
    owner="trust-team@rideshare.example",
    tags={"team": "trust"},
    description="Exact number of distinct drivers a rider rode with in 28 days.",
    features=[Attribute("distinct_drivers_28d", Int64)],
    timestamp_field="ended_at",
)
def rider_distinct_driver_count_28d(trips, context):
    # The row is stamped at the end of the run's range, inside [start, end).
    return f"""
        SELECT rider_id,
               COUNT(DISTINCT driver_id) AS distinct_drivers_28d,
               TIMESTAMP("{context.end_time}") - INTERVAL 1 SECOND AS ended_at
        FROM {trips}
        GROUP BY rider_id
    """
