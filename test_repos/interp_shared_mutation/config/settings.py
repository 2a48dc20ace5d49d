from tecton import Entity, Attribute
from tecton.types import Field, String, Int64

user = Entity(name="user", join_keys=[Field("user_id", String)])
TABLE_ARGS = dict(entities=[user], features=[Attribute("x", Int64)], timestamp_field="ts")
FLAGS = {"online": True}
RUNTIME = "1.2.1"
LATE_FLAGS = {"offline": False}
