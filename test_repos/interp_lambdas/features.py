from tecton import Entity, FeatureTable, Attribute
from tecton.types import Field, String, Int64

user = Entity(name="user", join_keys=[Field("user_id", String)])
named = lambda region: f"lambda_{region}"
table = lambda region, runtime="1.2.4": FeatureTable(
    name=named(region),
    entities=[user],
    features=[Attribute("x", Int64)],
    timestamp_field="ts",
    online=True,
    tecton_materialization_runtime=runtime,
)
table("us")
for region in ["eu"]:
    table(region, runtime="1.2.5")
