from tecton import Entity
from tecton.types import Field, Int64, String

driver = Entity(name="driver", join_keys=[Field("driver_id", String)], owner="mobility@example.com")

zone = Entity(name="zone", join_keys=[Field("zone_id", Int64)], description="A pickup zone.")
