from tecton import batch_feature_view, materialization_context
from entities import listener
from data_sources.predicted_plays import predicted_plays
from datetime import datetime, timedelta


@batch_feature_view(
    sources=[predicted_plays],
    entities=[listener],
    mode="snowflake_sql",
    online=True,
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=3650),
    feature_start_time=datetime(2023, 2, 1),
    owner="podcast-ml@listen.example",
    description="Episodes the nightly model expects a listener to play",
)
def listener_recommended_episodes(predicted_plays, context=materialization_context()):
    return f"""
        SELECT LISTENER_ID,
               ARRAY_TO_STRING(ARRAY_AGG(EPISODE_ID), '|') AS RECOMMENDED,
               MAX(LOADED_AT) AS TIMESTAMP
        FROM {predicted_plays}
        WHERE LOADED_AT < '{context.end_time}'
        GROUP BY LISTENER_ID
    """
