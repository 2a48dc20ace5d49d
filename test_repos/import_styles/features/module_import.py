from datetime import timedelta

import tecton
import config.versions as v
from tecton.types import Int64

from data_sources import events_batch
from entities import user


# import tecton + @tecton.X; import config.versions as v; an f-string name.
@tecton.batch_feature_view(
    name=f"{v.PREFIX}_user_sessions",
    sources=[events_batch],
    entities=[user],
    mode="pyspark",
    features=[tecton.Attribute("sessions", Int64)],
    timestamp_field="timestamp",
    batch_schedule=timedelta(days=1),
    online=True,
    offline=False,
    tecton_materialization_runtime=v.RUNTIME,
)
def sessions(events):
    return events.groupBy("user_id").count()
