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
    description="How long an episode runs, in minutes",
)
def episode_length(episodes):
    return f"""
        SELECT EPISODE_ID,
               DURATION_SECONDS / 60 AS LENGTH_MINUTES,
               LOADED_AT AS TIMESTAMP
        FROM {episodes}
    """
