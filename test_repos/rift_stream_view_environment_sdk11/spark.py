from datetime import timedelta

from tecton import Attribute, stream_feature_view
from tecton.types import Float64

from sources import events, user


# A Spark transformation mode: the SDK infers Spark, and `environment=` is accepted.
@stream_feature_view(
    source=events,
    entities=[user],
    mode="pyspark",
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    environment="tecton-rift-core-1.1.0",
)
def amount_spark(events):
    return events
