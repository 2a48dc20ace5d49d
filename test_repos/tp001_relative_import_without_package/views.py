"""Views at the top of the repository, beside common.py."""

from datetime import timedelta

from tecton import Attribute, FeatureTable
from tecton.types import Int64

from . import common

scores = FeatureTable(
    name="scores",
    entities=[common.user],
    features=[Attribute("score", Int64)],
    timestamp_field="ts",
    online=True,
    offline=True,
    ttl=timedelta(days=7),
)
