from tecton import Entity, FeatureTable, Attribute
from tecton.types import Field, String, Int64

user = Entity(name="user", join_keys=[Field("user_id", String)])
TABLE_ARGS = dict(entities=[user], features=[Attribute("x", Int64)], timestamp_field="ts")
FeatureTable(
    name="from_pairs",
    **dict([("online", True), ("tecton_materialization_runtime", "1.2.6")]),
    **TABLE_ARGS,
)
FLAGS = dict(zip(["offline", "online"], [True, False]))
FeatureTable(name="from_zip", **FLAGS, **TABLE_ARGS)
# A key given twice keeps its first place and its last value, as in Python.
FeatureTable(name="repeated_key", **dict([("online", False), ("online", True)]), **TABLE_ARGS)
