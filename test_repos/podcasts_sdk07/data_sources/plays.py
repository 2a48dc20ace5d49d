from datetime import datetime
from tecton import BatchSource, SnowflakeConfig


plays = BatchSource(
    name="plays",
    batch_config=SnowflakeConfig(
        database="LISTEN_ANALYTICS",
        schema="PODCASTS",
        table="PLAYS",
        timestamp_field="PLAYED_AT",
    ),
)
