from datetime import timedelta

from tecton import Attribute, FeatureTable
from tecton.types import Float64

from entities import driver

driver_churn_scores = FeatureTable(
    name="driver_churn_scores",
    entities=[driver],
    features=[Attribute("churn_score", Float64)],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    ttl=timedelta(days=7),
)
