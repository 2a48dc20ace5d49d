from datetime import timedelta

from tecton import Aggregate, Attribute, batch_feature_view
from tecton.types import Field, Int64

from data_sources import events_batch
from entities import user

from .common import MATERIALIZATION, ONLINE_ONLY, OWNER, START


# Relative import inside a package; **kwargs from dict(...) holding online/offline/runtime.
@batch_feature_view(
    sources=[events_batch],
    entities=[user],
    mode="spark_sql",
    aggregation_interval=timedelta(days=1),
    features=[Aggregate(input_column=Field("n", Int64), function="sum", time_window=timedelta(days=7))],
    timestamp_field="timestamp",
    feature_start_time=START,
    owner=OWNER,
    **MATERIALIZATION,
)
def user_weekly_events(events):
    return f"SELECT user_id, n, timestamp FROM {events}"


# **kwargs from a dict literal.
@batch_feature_view(
    sources=[events_batch],
    entities=[user],
    mode="spark_sql",
    features=[Attribute("has_events", Int64)],
    timestamp_field="timestamp",
    batch_schedule=timedelta(days=1),
    owner=OWNER,
    **ONLINE_ONLY,
)
def user_has_events(events):
    return f"SELECT user_id, 1 AS has_events, MAX(timestamp) AS timestamp FROM {events} GROUP BY 1"
