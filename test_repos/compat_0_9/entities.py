from tecton import v09_compat
from tecton.v09_compat import Entity

# 0.9-style string join keys, accepted through the compatibility module.
user = Entity(name="user", join_keys=["user_id"], owner="fraud@example.com")

merchant = v09_compat.Entity(name="merchant", join_keys=["merchant_id"])
