from tecton import batch_feature_view, FilteredSource
from entities import episode
from data_sources.similar_episodes import similar_episodes
from datetime import datetime, timedelta


# The view takes the name of the source it reads: the decorator has already been given
# the source when the function's name rebinds it.
@batch_feature_view(
    sources=[FilteredSource(similar_episodes)],
    entities=[episode],
    mode="snowflake_sql",
    online=True,
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=3650),
    feature_start_time=datetime(2023, 2, 1),
    owner="podcast-ml@listen.example",
    description="Episodes most often played after this one",
)
def similar_episodes(similar_episodes):
    return f"""
        SELECT EPISODE_ID,
               ARRAY_TO_STRING(NEIGHBOURS, '|') AS SIMILAR,
               LOADED_AT
        FROM {similar_episodes}
    """
