from tecton import HiveConfig, KafkaConfig, PushConfig, StreamSource
from tecton.types import Field, Float64, String, Timestamp


def parse_click(df):
    return df


clicks_push = StreamSource(
    name="clicks_push",
    stream_config=PushConfig(),
    schema=[Field("user_id", String), Field("ts", Timestamp), Field("amount", Float64)],
)

clicks_stream = StreamSource(
    name="clicks_stream",
    stream_config=KafkaConfig(
        kafka_bootstrap_servers="kafka:9092",
        topics="clicks",
        timestamp_field="ts",
        post_processor=parse_click,
    ),
    batch_config=HiveConfig(database="prod", table="clicks", timestamp_field="ts"),
)
