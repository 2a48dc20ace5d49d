from datetime import timedelta

from tecton import Aggregate, StreamFeatureView
from tecton.types import Field, Int64

from constants import FEATURE_START, OWNER
from data_sources import user_click_push_source
from entities import user

# Windowed click counts fed by the Stream Ingest API (a push source): no
# transformation, events are aggregated as they are pushed.
user_click_counts_push = StreamFeatureView(
    name="user_click_counts_push",
    source=user_click_push_source,
    entities=[user],
    features=[
        Aggregate(input_column=Field("clicked", Int64), function="count", time_window=timedelta(hours=1)),
        Aggregate(input_column=Field("clicked", Int64), function="count", time_window=timedelta(hours=24)),
    ],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    feature_start_time=FEATURE_START,
    owner=OWNER,
    description="Number of ad clicks a user made, ingested through the Stream Ingest API.",
)
