from tecton import Entity, FeatureTable, Attribute
from tecton.types import Field, String, Int64

user = Entity(name="user", join_keys=[Field("user_id", String)])
PREFIX = "a"
COUNT = 0
ONLINE = False


def set_prefix():
    global PREFIX
    PREFIX = "b"


def set_online_locally():
    # No `global`: this binds a local name and leaves the module's ONLINE alone.
    ONLINE = True
    return ONLINE


def table():
    global COUNT
    COUNT += 1
    return FeatureTable(
        name=f"{PREFIX}_table_{COUNT}",
        entities=[user],
        features=[Attribute("x", Int64)],
        timestamp_field="ts",
        online=ONLINE,
    )


set_prefix()
set_online_locally()
table()
table()
