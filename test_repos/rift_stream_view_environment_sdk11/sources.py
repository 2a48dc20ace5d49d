from tecton import Entity, PushConfig, StreamSource
from tecton.types import Field, Float64, String, Timestamp

user = Entity(name="user", join_keys=[Field("user_id", String)])
events = StreamSource(
    name="events",
    stream_config=PushConfig(),
    schema=[Field("user_id", String), Field("ts", Timestamp), Field("amount", Float64)],
)
