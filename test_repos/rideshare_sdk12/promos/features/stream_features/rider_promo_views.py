from datetime import datetime, timedelta

from tecton import Aggregate, AggregationLeadingEdge, stream_feature_view
from tecton.types import Field, Int32

from promos.data_sources.promo_views import promo_views_stream
from promos.entities import rider


@stream_feature_view(
    source=promo_views_stream,
    entities=[rider],
    mode="spark_sql",
    aggregation_interval=timedelta(hours=1),
    features=[
        Aggregate(input_column=Field("seen", Int32), function="count", time_window=timedelta(hours=1)),
        Aggregate(input_column=Field("seen", Int32), function="count", time_window=timedelta(hours=12)),
        Aggregate(input_column=Field("seen", Int32), function="count", time_window=timedelta(hours=48)),
    ],
    timestamp_field="viewed_at",
    online=False,
    offline=False,
    batch_schedule=timedelta(days=1),
    feature_start_time=datetime(2024, 3, 1),
    tags={"team": "growth"},
    owner="growth-team@rideshare.example",
    description="Promotions shown to a rider.",
    aggregation_leading_edge=AggregationLeadingEdge.LATEST_EVENT_TIME,
)
def rider_promo_views(promo_views):
    return f"SELECT rider_id, 1 AS seen, viewed_at FROM {promo_views}"
