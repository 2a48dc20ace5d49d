from tecton import batch_feature_view, FilteredSource, materialization_context
from entities import listener
from data_sources.plays import plays
from datetime import datetime, timedelta


@batch_feature_view(
    sources=[FilteredSource(plays)],
    entities=[listener],
    mode="snowflake_sql",
    online=True,
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=3650),
    feature_start_time=datetime(2023, 2, 1),
    owner="podcast-ml@listen.example",
    description="Episodes a listener played in the past two weeks",
)
def listener_recently_played(plays, context=materialization_context()):
    return f"""
        SELECT LISTENER_ID,
               ARRAY_TO_STRING(ARRAY_AGG(EPISODE_ID), '|') AS RECENT,
               TO_TIMESTAMP('{context.end_time}') AS TIMESTAMP
        FROM {plays}
        WHERE PLAYED_AT < '{context.end_time}'
          AND PLAYED_AT >= DATEADD('day', -14, '{context.end_time}')
        GROUP BY LISTENER_ID
    """
