from tecton import Entity
from tecton.types import Field, Int64, String

OWNER = "growth-team@rideshare.example"

promo = Entity(
    name="promo",
    join_keys=[Field("promo_id", Int64)],
    description="A promotion shown in the app.",
    owner=OWNER,
    tags={"team": "growth"},
)

banner = Entity(
    name="banner",
    join_keys=[Field("banner_id", String)],
    description="The banner slot a promotion is shown in.",
    owner=OWNER,
    tags={"team": "growth"},
)

campaign_run = Entity(
    name="campaign_run",
    join_keys=[Field("campaign_run_id", String)],
    description="One run of a promotional campaign.",
    owner=OWNER,
)

rider = Entity(
    name="promo_rider",
    join_keys=[Field("rider_id", String)],
    description="A rider who sees promotions.",
    owner=OWNER,
    tags={"team": "growth"},
)

pickup_zone = Entity(
    name="PickupZone",
    join_keys=[Field("pickup_zone", String)],
    description="The city zone where the rider opened the app.",
    owner=OWNER,
    tags={"team": "growth"},
)
