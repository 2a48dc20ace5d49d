from tecton import Entity
from tecton.types import Field, String

mainent = Entity(name="mainent", join_keys=[Field("mainent_id", String)])
