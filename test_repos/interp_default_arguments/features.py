from tecton import Entity, FeatureTable, Attribute
from tecton.types import Field, String, Int64

user = Entity(name="user", join_keys=[Field("user_id", String)])
RUNTIME = "1.2.2"
ONLINE = True


def table(name, runtime=RUNTIME, online=ONLINE):
    return FeatureTable(
        name=name,
        entities=[user],
        features=[Attribute("x", Int64)],
        timestamp_field="ts",
        online=online,
        tecton_materialization_runtime=runtime,
    )


# Rebinding the constants after the `def` does not change the defaults it holds.
RUNTIME = "1.2.9"
ONLINE = False
table("t_defaults")
table("t_given", "1.2.3", online=False)
