from tecton import Entity
from tecton.types import Field, String

codef = Entity(name="codef", join_keys=[Field("codef_id", String)])
