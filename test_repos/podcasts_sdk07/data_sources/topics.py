from datetime import datetime
from tecton import BatchSource, SnowflakeConfig


topics = BatchSource(
    name="topics",
    batch_config=SnowflakeConfig(
        database="LISTEN_ANALYTICS",
        schema="PODCASTS",
        table="EPISODE_TOPICS",
        timestamp_field="LOADED_AT",
    ),
)
