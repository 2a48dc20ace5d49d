from datetime import timedelta

from tecton import FeatureTable
from tecton.types import Field, Float64, String, Timestamp

from entities import user

user_risk_scores = FeatureTable(
    name="user_risk_scores",
    entities=[user],
    schema=[Field("user_id", String), Field("timestamp", Timestamp), Field("risk_score", Float64)],
    online=True,
    offline=True,
    ttl=timedelta(days=10),
)
