from tecton import v09_compat
from tecton.v09_compat import Entity

user = Entity(name="user", join_keys=["user_id"], owner="fraud@example.com")

# A single string join key, through the module.
merchant = v09_compat.Entity(name="merchant", join_keys="merchant_id")
