from datetime import timedelta

from tecton import Attribute, FeatureTable
from tecton.types import Array, Float64

from promos.entities import promo

promo_vectors = FeatureTable(
    name="promo_vectors",
    entities=[promo],
    features=[Attribute(name="vector", dtype=Array(Float64))],
    timestamp_field="computed_at",
    online=True,
    offline=True,
    ttl=timedelta(days=14),
    description="Promotion vectors written by the nightly training job.",
    owner="growth-team@rideshare.example",
)
