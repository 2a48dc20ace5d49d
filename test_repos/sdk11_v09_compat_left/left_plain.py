import tecton.v09_compat

merchant = tecton.v09_compat.Entity(name="merchant", join_keys=["merchant_id"])
