from datetime import datetime, timedelta

from tecton import Aggregate, Attribute, EMRClusterConfig, StreamFeatureView, stream_feature_view
from tecton.types import Field, Float64

from data_sources import clicks_push, clicks_stream
from entities import user

# A push source has no stream job: the SDK applies no `stream_compute` default to this view.
user_click_amounts = StreamFeatureView(
    name="user_click_amounts",
    source=clicks_push,
    entities=[user],
    features=[Aggregate(input_column=Field("amount", Float64), function="sum", time_window=timedelta(days=1))],
    timestamp_field="ts",
    online=True,
    offline=True,
    feature_start_time=datetime(2025, 1, 1),
)


# A view that states its own `stream_compute` is built with it, not with the default.
@stream_feature_view(
    source=clicks_stream,
    entities=[user],
    mode="spark_sql",
    stream_compute=EMRClusterConfig(emr_version="emr-7.0.0", instance_availability="on_demand"),
    features=[Attribute("amount", Float64)],
    timestamp_field="ts",
    ttl=timedelta(days=3),
    online=True,
)
def user_last_click(clicks):
    return f"SELECT user_id, amount, ts FROM {clicks}"
