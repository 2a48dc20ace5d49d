from tecton import Entity, FeatureTable, Attribute
from tecton.types import Field, Float64, String

from entities import user

# A feature table shares the feature view namespace.
user_spend = FeatureTable(
    name="user_spend",
    entities=[user],
    features=[Attribute("amount", Float64)],
    timestamp_field="ts",
)

# Entities have their own namespace: no clash with the views.
user_spend_entity = Entity(name="user_spend", join_keys=[Field("user_id", String)])
