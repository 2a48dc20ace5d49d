from tecton import Entity
from tecton.types import Field, Int32, Int64

place = Entity(
    name="place",
    join_keys=[Field("place", Int64)],
    description="A destination riders travel to.",
    owner="discovery-team@rideshare.example",
    tags={"team": "discovery"},
)

visit = Entity(
    name="visit",
    join_keys=[Field("visit", Int32)],
    description="One app session that ended in a trip to a place.",
    owner="discovery-team@rideshare.example",
    tags={"team": "discovery"},
)
