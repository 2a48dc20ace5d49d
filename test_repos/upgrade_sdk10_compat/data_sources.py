from tecton.types import Field, Float64, String, Timestamp
from tecton.v09_compat import BatchSource, HiveConfig, KinesisConfig, PushSource, StreamSource


def parse(df):
    return df


transactions_hive = HiveConfig(database="fraud", table="transactions", timestamp_field="timestamp")

transactions_batch = BatchSource(name="transactions_batch", batch_config=transactions_hive)

transactions_stream = StreamSource(
    name="transactions_stream",
    stream_config=KinesisConfig(
        stream_name="transactions",
        region="us-west-2",
        initial_stream_position="latest",
        timestamp_field="timestamp",
        post_processor=parse,
    ),
    batch_config=transactions_hive,
)

score_push = PushSource(
    name="score_push",
    schema=[Field("user_id", String), Field("timestamp", Timestamp), Field("score", Float64)],
)
