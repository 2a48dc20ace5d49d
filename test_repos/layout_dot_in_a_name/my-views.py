from tecton import Entity
from tecton.types import Field, String

dashed = Entity(name="dashed", join_keys=[Field("dashed_id", String)])
