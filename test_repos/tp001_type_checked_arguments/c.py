from tecton import Entity
from tecton.types import Field, String
e3 = Entity(name="e3", join_keys=[Field("user_id", String)], description=None)
e4 = Entity(name="e4", join_keys=[Field("user_id", String)], tags=None, owner=None)
