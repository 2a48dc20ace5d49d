from tecton import BatchSource, HiveConfig

transactions = BatchSource(
    name="transactions",
    batch_config=HiveConfig(database="prod", table="transactions", timestamp_field="ts"),
)
