from tecton import Entity
from tecton.types import Field, String


def make_user():
    return Entity(name="user", join_keys=[Field("user_id", String)])
