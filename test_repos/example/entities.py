from tecton import Entity
from tecton.types import Field, String

from constants import OWNER

user = Entity(
    name="card_user",
    join_keys=[Field("user_id", String)],
    description="A user of the payments platform.",
    owner=OWNER,
    tags={"release": "production"},
)

merchant = Entity(
    name="merchant",
    join_keys=[Field("merchant", String)],
    description="A merchant accepting card payments.",
    owner=OWNER,
)
