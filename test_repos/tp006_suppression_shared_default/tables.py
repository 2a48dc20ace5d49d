from datetime import timedelta

from tecton import Attribute, FeatureTable
from tecton.types import Float64

from entities import user

user_ltv = FeatureTable(  # tecton-preflight: ignore[TP210]
    name="user_ltv",
    entities=[user],
    features=[Attribute("ltv", Float64)],
    timestamp_field="ts",
    online=True,
    ttl=timedelta(days=30),
)

user_score = FeatureTable(
    name="user_score",
    entities=[user],
    features=[Attribute("score", Float64)],
    timestamp_field="ts",
    online=True,
    ttl=timedelta(days=30),
)
