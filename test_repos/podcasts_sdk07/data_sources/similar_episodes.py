from datetime import datetime
from tecton import BatchSource, SnowflakeConfig


similar_episodes = BatchSource(
    name="similar_episodes",
    batch_config=SnowflakeConfig(
        database="LISTEN_ANALYTICS",
        schema="PODCASTS",
        table="EPISODE_NEIGHBOURS",
        timestamp_field="LOADED_AT",
    ),
)
