from datetime import timedelta

from tecton import Attribute, stream_feature_view
from tecton.types import Float64

from sources import events, user


# The environment comes from the repo.yaml default: SDK 1.2 still applies it on Rift.
@stream_feature_view(
    source=events,
    entities=[user],
    mode="pandas",
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    online=True,
    batch_schedule=timedelta(days=1),
)
def amount_inherited(events):
    return events
