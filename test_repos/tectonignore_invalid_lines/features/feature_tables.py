from datetime import timedelta

from tecton import Attribute, FeatureTable
from tecton.types import Float64, String

from entities import account

account_ltv = FeatureTable(
    name="account_ltv",
    entities=[account],
    features=[Attribute("ltv", Float64)],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    ttl=timedelta(days=30),
)

account_segment = FeatureTable(
    name="account_segment",
    entities=[account],
    features=[Attribute("segment", String)],
    timestamp_field="timestamp",
    online=True,
    offline=False,
    environment="tecton-core-1.1.0",
    tecton_materialization_runtime="1.2.0",
)
