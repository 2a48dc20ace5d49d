from tecton.v09_compat import Entity

store = Entity(name="store", join_keys=["store_id"])
