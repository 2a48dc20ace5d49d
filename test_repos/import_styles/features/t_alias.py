from datetime import timedelta

import tecton as t
from tecton.types import Field, Int64

from data_sources import events_batch, events_push
from entities import device, user

LOCAL_RUNTIME = "1.2.11"
LOCAL_STREAM_RUNTIME = LOCAL_RUNTIME


# import tecton as t + @t.batch_feature_view; a constant of the same module.
@t.batch_feature_view(
    sources=[events_batch],
    entities=[device],
    mode="spark_sql",
    features=[t.Attribute("device_events", Int64)],
    timestamp_field="timestamp",
    batch_schedule=timedelta(days=1),
    online=True,
    offline=True,
    tecton_materialization_runtime=LOCAL_RUNTIME,
)
def device_events(events):
    return f"SELECT device_id, COUNT(*) AS device_events, MAX(timestamp) AS timestamp FROM {events} GROUP BY 1"


# t.StreamFeatureView class form; a constant aliasing another constant.
user_push_counts = t.StreamFeatureView(
    name="user_push_counts",
    source=events_push,
    entities=[user],
    features=[t.Aggregate(input_column=Field("n", Int64), function="sum", time_window=timedelta(hours=1))],
    timestamp_field="timestamp",
    online=True,
    offline=False,
    tecton_materialization_runtime=LOCAL_STREAM_RUNTIME,
)
