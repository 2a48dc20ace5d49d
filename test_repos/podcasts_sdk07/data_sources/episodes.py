from datetime import datetime
from tecton import BatchSource, SnowflakeConfig


episodes = BatchSource(
    name="episodes",
    batch_config=SnowflakeConfig(
        database="LISTEN_ANALYTICS",
        schema="PODCASTS",
        table="EPISODES",
        timestamp_field="LOADED_AT",
    ),
)
