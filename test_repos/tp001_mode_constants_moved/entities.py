from tecton import Entity

user = Entity(name="user", join_keys=["user_id"], owner="risk@example.com")

merchant = Entity(name="merchant", join_keys=["merchant_id"], description="A merchant.")
