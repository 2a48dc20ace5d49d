import tecton.v09_compat as v09

customer = v09.Entity(name="customer", join_keys=["customer_id"])
