from tecton import Entity, StreamSource, FileConfig, KinesisConfig
from tecton.types import Field, String


def deserialize(df):
    return df


user = Entity(name="user", join_keys=[Field("user_id", String)])

transactions_config = FileConfig(uri="s3://bucket/transactions/", file_format="parquet", timestamp_field="timestamp")

transactions_stream = StreamSource(
    name="transactions_stream",
    batch_config=transactions_config,
    stream_config=KinesisConfig(
        stream_name="transactions",
        region="us-west-2",
        post_processor=deserialize,
        initial_stream_position="latest",
        timestamp_field="timestamp",
    ),
)
