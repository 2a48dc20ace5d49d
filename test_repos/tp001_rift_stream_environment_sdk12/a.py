from datetime import datetime, timedelta
from tecton import stream_feature_view, Entity, StreamSource, PushConfig, Attribute
from tecton.types import Field, String, Int64, Timestamp

user = Entity(name="user", join_keys=[Field("user_id", String)])
push = StreamSource(name="push", stream_config=PushConfig(), schema=[Field("user_id", String), Field("ts", Timestamp), Field("x", Int64)])


@stream_feature_view(source=push, entities=[user], mode="pandas", online=True, timestamp_field="ts", features=[Attribute("x", Int64)], environment="tecton-core-1.2.0")
def rift_env(push):
    return push


@stream_feature_view(source=push, entities=[user], mode="pandas", online=True, timestamp_field="ts", features=[Attribute("x", Int64)])
def rift_no_env(push):
    return push
