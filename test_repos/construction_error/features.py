from datetime import datetime, timedelta

from tecton import Attribute, stream_feature_view
from tecton.types import Float64

from data_sources import courier, deliveries_stream


@stream_feature_view(
    source=deliveries_stream,
    entities=[courier],
    mode="spark_sql",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 6, 1),
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=14),
    timestamp_field="delivered_at",
    features=[Attribute("parcel_weight_kg", Float64)],
)
def last_parcel_weight(deliveries):
    return f"SELECT courier_id, delivered_at, parcel_weight_kg FROM {deliveries}"


# Written for SDK 0.x, where stream feature views took their schema from the query: since
# 1.0 `features=` is required, so the decorator raises and the import of this module stops.
@stream_feature_view(
    source=deliveries_stream,
    entities=[courier],
    mode="spark_sql",
    ttl=timedelta(days=14),
    batch_schedule=timedelta(days=1),
    online=True,
)
def last_drop_point(deliveries):
    return f"SELECT courier_id, delivered_at, drop_lat, drop_lon FROM {deliveries}"


@stream_feature_view(
    source=deliveries_stream,
    entities=[courier],
    mode="spark_sql",
    online=True,
    offline=False,
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=14),
    timestamp_field="delivered_at",
    features=[Attribute("stops_today", Float64)],
)
def stops_today(deliveries):
    return f"SELECT courier_id, delivered_at, stops_today FROM {deliveries}"
