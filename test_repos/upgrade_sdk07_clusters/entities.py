from tecton import Entity

customer = Entity(name="customer", join_keys=["customer_id"])
