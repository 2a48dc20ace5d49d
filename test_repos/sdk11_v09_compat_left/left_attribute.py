import tecton

account = tecton.v09_compat.Entity(name="account", join_keys=["account_id"])
