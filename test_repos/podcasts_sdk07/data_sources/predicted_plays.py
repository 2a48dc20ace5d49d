from datetime import datetime
from tecton import BatchSource, SnowflakeConfig


predicted_plays = BatchSource(
    name="predicted_plays",
    batch_config=SnowflakeConfig(
        database="LISTEN_ANALYTICS",
        schema="PODCASTS",
        table="LISTENER_PREDICTED_PLAYS",
        timestamp_field="LOADED_AT",
    ),
)
