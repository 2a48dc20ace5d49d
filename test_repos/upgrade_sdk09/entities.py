from tecton import Entity

customer = Entity(name="customer", join_keys=["customer_id"], owner="growth@example.com")

product = Entity(name="product", join_keys=["product_id"])
