from datetime import datetime, timedelta

from tecton import Aggregation, FilteredSource, StreamFeatureView, stream_feature_view
from tecton.types import Field, Float64, Int64, String, Timestamp

from data_sources import cart_events_push, orders_stream, page_views_push
from entities import customer


@stream_feature_view(
    source=FilteredSource(orders_stream),
    entities=[customer],
    mode="pyspark",
    aggregation_interval=timedelta(minutes=5),
    aggregations=[
        Aggregation(column="price", function="count", time_window=timedelta(hours=1)),
        Aggregation(column="price", function="mean", time_window=timedelta(hours=6)),
    ],
    schema=[Field("customer_id", String), Field("price", Float64), Field("timestamp", Timestamp)],
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
)
def customer_recent_orders(orders):
    return orders.select("customer_id", "price", "timestamp")


page_view_counts = StreamFeatureView(
    name="page_view_counts",
    source=page_views_push,
    entities=[customer],
    online=True,
    offline=False,
    aggregations=[Aggregation(column="views", function="sum", time_window=timedelta(minutes=30))],
    schema=[Field("customer_id", String), Field("timestamp", Timestamp), Field("views", Int64)],
    tecton_materialization_runtime="1.0.2",
)

cart_value_latest = StreamFeatureView(
    name="cart_value_latest",
    source=cart_events_push,
    entities=[customer],
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    schema=[Field("customer_id", String), Field("timestamp", Timestamp), Field("cart_value", Float64)],
    ttl=timedelta(days=1),
)
