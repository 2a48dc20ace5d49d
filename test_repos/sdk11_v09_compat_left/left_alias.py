import tecton.v09_compat as v09

device = v09.Entity(name="device", join_keys=["device_id"])
