from datetime import datetime, timedelta

from tecton import Attribute, batch_feature_view
from tecton.types import Int32

from rides.data_sources.riders import riders_batch
from rides.data_sources.trips import trips_batch
from rides.entities import rider


# Whether the rider had verified their identity when the trip ended.
@batch_feature_view(
    sources=[trips_batch, riders_batch.unfiltered()],
    entities=[rider],
    mode="spark_sql",
    online=False,
    offline=False,
    feature_start_time=datetime(2024, 1, 1),
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=60),
    tags={"team": "trust"},
    owner="trust-team@rideshare.example",
    description="1 when the rider was verified at the end of the trip.",
    features=[Attribute("rider_verified", Int32)],
    timestamp_field="ended_at",
)
def trip_rider_is_verified(trips, riders):
    return f"""
        SELECT t.ended_at,
               t.rider_id,
               CASE WHEN r.verified_at <= t.ended_at THEN 1 ELSE 0 END AS rider_verified
        FROM {trips} t
        LEFT JOIN {riders} r ON r.rider_id = t.rider_id
    """
