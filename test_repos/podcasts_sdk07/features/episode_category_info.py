from tecton import batch_feature_view, FilteredSource
from entities import episode
from data_sources.episodes import episodes
from datetime import datetime, timedelta


@batch_feature_view(
    sources=[FilteredSource(episodes)],
    entities=[episode],
    mode="snowflake_sql",
    online=True,
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=3650),
    feature_start_time=datetime(2015, 1, 1),
    owner="podcast-ml@listen.example",
    description="Whether an episode is in the news category",
)
def episode_category_info(episodes):
    return f"""
        SELECT EPISODE_ID,
               IFF(CATEGORY = 'News', 1, 0) AS IS_NEWS,
               LOADED_AT AS TIMESTAMP
        FROM {episodes}
    """
