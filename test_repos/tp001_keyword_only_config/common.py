from tecton import BatchSource, Entity, HiveConfig

user = Entity(name="user", join_keys=["user_id"])

orders = BatchSource(
    name="orders",
    batch_config=HiveConfig(database="shop", table="orders", timestamp_field="ts"),
)
