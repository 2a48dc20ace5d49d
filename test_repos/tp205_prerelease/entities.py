from tecton import Entity
from tecton.types import String

user = Entity(name="user", join_keys=["user_id"])
