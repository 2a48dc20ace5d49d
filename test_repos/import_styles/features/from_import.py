from datetime import timedelta

from tecton import Attribute, batch_feature_view
from tecton.types import Int64

from config.versions import PREFIX, RUNTIME
from data_sources import events_batch
from entities import user

SUFFIX = "_event_count"


# from tecton import X; a runtime constant imported from another module of the root;
# a name from string concatenation of constants (overrides the function name).
@batch_feature_view(
    name=PREFIX + SUFFIX,
    sources=[events_batch],
    entities=[user],
    mode="spark_sql",
    features=[Attribute("event_count", Int64)],
    timestamp_field="timestamp",
    batch_schedule=timedelta(days=1),
    online=True,
    offline=True,
    tecton_materialization_runtime=RUNTIME,
)
def user_event_count(events):
    return f"SELECT user_id, COUNT(*) AS event_count, MAX(timestamp) AS timestamp FROM {events} GROUP BY 1"
