from tecton import Entity
from tecton.types import Field, String

__all__ = ["user", "ghost"]

user = Entity(name="user", join_keys=[Field("user_id", String)])
