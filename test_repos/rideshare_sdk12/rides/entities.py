from tecton import Entity
from tecton.types import Field, String

rider = Entity(
    name="trip_rider",
    join_keys=[Field("rider_id", String)],
    description="A rider who books trips.",
    owner="trust-team@rideshare.example",
    tags={"team": "trust"},
)

driver = Entity(
    name="driver",
    join_keys=[Field("driver_id", String)],
    description="A driver who accepts trips.",
    owner="trust-team@rideshare.example",
    tags={"team": "trust"},
)
