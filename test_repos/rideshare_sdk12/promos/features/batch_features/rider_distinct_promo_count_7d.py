from datetime import datetime, timedelta

from tecton import Attribute, TectonTimeConstant, batch_feature_view
from tecton.types import Int64

from promos.data_sources.promo_views import promo_views_batch
from promos.entities import rider

# A week of views is read for every daily run, so the window is computed in SQL.
week_of_views = promo_views_batch.select_range(
    start_time=TectonTimeConstant.MATERIALIZATION_START_TIME - timedelta(days=6),
    end_time=TectonTimeConstant.MATERIALIZATION_END_TIME,
)


@batch_feature_view(
    sources=[week_of_views],
    entities=[rider],
    mode="spark_sql",
    ttl=timedelta(days=1),
    batch_schedule=timedelta(days=1),
    incremental_backfills=True,
    online=False,
    offline=True,
    feature_start_time=datetime(2024, 3, 1),
    tags={"team": "growth"},
    owner="growth-team@rideshare.example",
    description="Distinct promotions a rider saw in the past seven days.",
    timestamp_field="viewed_at",
    features=[Attribute(name="distinct_promos_7d", dtype=Int64)],
)
def rider_distinct_promo_count_7d(promo_views, context):
    return f"""
        SELECT rider_id,
               COUNT(DISTINCT promo_id) AS distinct_promos_7d,
               TIMESTAMP("{context.end_time}") - INTERVAL 1 SECOND AS viewed_at
        FROM {promo_views}
        GROUP BY rider_id
    """
