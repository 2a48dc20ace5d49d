from tecton import Entity
from tecton.types import Field, String

reviewed = Entity(name="reviewed", join_keys=[Field("reviewed_id", String)])
