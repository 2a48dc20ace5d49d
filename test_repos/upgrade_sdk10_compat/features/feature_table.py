from datetime import timedelta

from tecton.types import Field, Float64, String, Timestamp
from tecton.v09_compat import FeatureTable

from entities import user

user_model_scores = FeatureTable(
    name="user_model_scores",
    entities=[user],
    schema=[Field("user_id", String), Field("timestamp", Timestamp), Field("model_score", Float64)],
    online=True,
    offline=True,
    ttl=timedelta(days=7),
)
