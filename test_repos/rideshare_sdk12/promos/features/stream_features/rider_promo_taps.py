from datetime import datetime, timedelta

from tecton import Aggregate, AggregationLeadingEdge, stream_feature_view
from tecton.types import Field, Int64

from promos.data_sources.promo_views import promo_views_stream
from promos.entities import rider

tapped = Field("tapped", Int64)


@stream_feature_view(
    source=promo_views_stream,
    entities=[rider],
    mode="pyspark",
    aggregation_interval=timedelta(hours=1),
    features=[
        Aggregate(input_column=tapped, function="sum", time_window=timedelta(hours=hours))
        for hours in (1, 12, 48)
    ],
    online=False,
    offline=False,
    batch_schedule=timedelta(days=1),
    feature_start_time=datetime(2024, 3, 1),
    tags={"team": "growth"},
    owner="growth-team@rideshare.example",
    description="Promotion taps per rider.",
    timestamp_field="viewed_at",
    aggregation_leading_edge=AggregationLeadingEdge.LATEST_EVENT_TIME,
)
def rider_promo_taps(promo_views):
    return promo_views.select("rider_id", "tapped", "viewed_at")
