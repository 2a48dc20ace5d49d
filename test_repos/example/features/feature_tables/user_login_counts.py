from datetime import timedelta

from tecton import Attribute, FeatureTable
from tecton.types import Int64

from constants import OWNER
from entities import user

user_login_counts = FeatureTable(
    name="user_login_counts",
    entities=[user],
    features=[
        Attribute("user_login_count_7d", Int64),
        Attribute("user_login_count_30d", Int64),
    ],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    ttl=timedelta(days=30),
    owner=OWNER,
    description="Login counts written daily by the identity team's pipeline.",
)
