from tecton import Entity
from tecton.types import Field, String

stats = Entity(name="stats", join_keys=[Field("stats_id", String)])
