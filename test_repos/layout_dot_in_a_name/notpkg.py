from tecton import Entity
from tecton.types import Field, String

helper = Entity(name="helper", join_keys=[Field("helper_id", String)])
