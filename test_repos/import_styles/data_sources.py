import tecton
from tecton import BatchSource as Source
from tecton import FileConfig as Files
from tecton.types import Field, Int64, String, Timestamp

events_batch = Source(
    name="events_batch",
    batch_config=Files(uri="s3://example-events/events/", file_format="parquet", timestamp_field="timestamp"),
)

events_push = tecton.StreamSource(
    name="events_push",
    stream_config=tecton.PushConfig(),
    schema=[Field("user_id", String), Field("device_id", String), Field("timestamp", Timestamp), Field("n", Int64)],
    batch_config=Files(uri="s3://example-events/pushed/", file_format="parquet", timestamp_field="timestamp"),
)
