from datetime import timedelta
from tecton import Attribute, Entity, FeatureTable
from tecton.types import Field, Int64, String

user = Entity(name="user", join_keys=[Field("user_id", String)])

from features.settings import CURRENT

scores = FeatureTable(
    name="scores",
    entities=[user],
    features=[Attribute("score", Int64)],
    timestamp_field="ts",
    online=True,
    offline=True,
    ttl=timedelta(days=7),
    tecton_materialization_runtime=CURRENT,
)
