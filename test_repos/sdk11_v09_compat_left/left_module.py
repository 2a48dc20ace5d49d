from tecton import v09_compat

region = v09_compat.Entity(name="region", join_keys=["region_id"])
