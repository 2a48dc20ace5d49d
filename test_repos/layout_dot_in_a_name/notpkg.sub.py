from tecton import Entity
from tecton.types import Field, String

nested = Entity(name="nested", join_keys=[Field("nested_id", String)])
