from datetime import timedelta

from tecton import Attribute, FeatureTable
from tecton.types import Int64

import features.settings
import features.sources

merchant_scores = FeatureTable(
    name="merchant_scores",
    entities=[features.sources.merchant],
    features=[Attribute("score", Int64)],
    timestamp_field="ts",
    online=True,
    offline=True,
    ttl=timedelta(days=30),
    tecton_materialization_runtime=features.settings.RETIRED,
)

merchant_flags = FeatureTable(
    name="merchant_flags",
    entities=[features.sources.merchant],
    features=[Attribute("flag", Int64)],
    timestamp_field="ts",
    online=True,
    offline=True,
    ttl=timedelta(days=30),
    tecton_materialization_runtime=features.settings.CURRENT,
)
