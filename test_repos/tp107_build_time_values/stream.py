from datetime import timedelta

from tecton import Attribute, HiveConfig, KinesisConfig, StreamSource, stream_feature_view
from tecton.types import Float64

from entities import user


def identity(df):
    return df


events = StreamSource(
    name="events",
    stream_config=KinesisConfig(
        stream_name="events",
        region="us-west-2",
        initial_stream_position="latest",
        timestamp_field="ts",
        post_processor=identity,
    ),
    batch_config=HiveConfig(database="prod", table="events", timestamp_field="ts"),
)


# A Spark stream view without its own `stream_compute`: the SDK builds it with the `repo.yaml`
# default, so the EMR values there are what `tecton plan` refuses.
@stream_feature_view(
    source=events,
    entities=[user],
    mode="spark_sql",
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    online=True,
    batch_schedule=timedelta(days=1),
)
def user_stream(events):
    return f"SELECT user_id, ts, amount FROM {events}"
