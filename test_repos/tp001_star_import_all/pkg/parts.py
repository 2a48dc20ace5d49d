from tecton import Entity
from tecton.types import Field, String

part = Entity(name="part", join_keys=[Field("part_id", String)])
