from datetime import timedelta

from tecton import Attribute as Attr
from tecton import batch_feature_view as bfv
from tecton.types import String

from config import versions
from data_sources import events_batch
from entities import device


# from tecton import X as Y; runtime as a module attribute (from config import versions).
@bfv(
    sources=[events_batch],
    entities=[device],
    mode="spark_sql",
    features=[Attr("last_os", String)],
    timestamp_field="timestamp",
    batch_schedule=timedelta(days=1),
    online=False,
    offline=True,
    tecton_materialization_runtime=versions.RUNTIME,
)
def device_last_os(events):
    return f"SELECT device_id, os AS last_os, timestamp FROM {events}"
