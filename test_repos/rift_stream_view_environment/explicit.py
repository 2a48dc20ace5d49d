from datetime import timedelta

from tecton import Attribute, stream_feature_view
from tecton.types import Float64

from sources import events, user


# On Rift, SDK 1.2 refuses `environment=` on a stream feature view (TectonValidationError).
@stream_feature_view(
    source=events,
    entities=[user],
    mode="pandas",
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    online=True,
    batch_schedule=timedelta(days=1),
    environment="tecton-rift-core-1.2.0",
)
def amount_explicit(events):
    return events
