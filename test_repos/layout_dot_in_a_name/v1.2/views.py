from tecton import Entity
from tecton.types import Field, String

legacy = Entity(name="legacy", join_keys=[Field("legacy_id", String)])
