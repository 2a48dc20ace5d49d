from tecton import BatchSource, Entity, HiveConfig
from tecton.types import Field, String

orders = BatchSource(name="orders", batch_config=HiveConfig(database="shop", table="orders", timestamp_field="ts"))

customer = Entity(name="customer", join_keys=[Field("customer_id", String)])
