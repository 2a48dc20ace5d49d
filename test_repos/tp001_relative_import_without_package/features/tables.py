from datetime import timedelta

from tecton import Attribute, FeatureTable
from tecton.types import Int64

from ..common import user

limits = FeatureTable(
    name="limits",
    entities=[user],
    features=[Attribute("limit", Int64)],
    timestamp_field="ts",
    online=True,
    offline=True,
    ttl=timedelta(days=7),
)
