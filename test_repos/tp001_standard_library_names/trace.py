from tecton import Entity
from tecton.types import Field, String

tst = Entity(name="tst", join_keys=[Field("tst_id", String)])
