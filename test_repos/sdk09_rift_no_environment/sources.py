from tecton import BatchSource, Entity, HiveConfig

orders = BatchSource(name="orders", batch_config=HiveConfig(database="shop", table="orders", timestamp_field="ts"))
customer = Entity(name="customer", join_keys=["customer_id"])
