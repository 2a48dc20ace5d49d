from datetime import datetime, timedelta

from tecton import Attribute, batch_feature_view
from tecton.types import Float64

from rides.data_sources.riders import riders_batch
from rides.entities import rider


@batch_feature_view(
    sources=[riders_batch.unfiltered()],
    entities=[rider],
    mode="pandas",
    online=True,
    offline=True,
    # Profiles go back to the first riders, hence the early start.
    feature_start_time=datetime(2015, 6, 1),
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=3000),
    tags={"team": "trust"},
    owner="trust-team@rideshare.example",
    description="The home coordinates a rider registered with.",
    timestamp_field="registered_at",
    environment="tecton-core-1.1.0",
    features=[
        Attribute("home_lat", Float64),
        Attribute("home_lon", Float64),
    ],
)
def rider_home_zone(riders):
    return riders[["rider_id", "registered_at", "home_lat", "home_lon"]]
