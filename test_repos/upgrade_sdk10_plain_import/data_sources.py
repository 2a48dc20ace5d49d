# The module's path throughout; `tecton.types` is read through the same `tecton`.
import tecton.v09_compat

orders_hive = tecton.v09_compat.HiveConfig(database="shop", table="orders", timestamp_field="ts")

orders = tecton.v09_compat.BatchSource(name="orders", batch_config=orders_hive)

score_push = tecton.v09_compat.PushSource(
    name="score_push",
    schema=[
        tecton.types.Field("customer_id", tecton.types.String),
        tecton.types.Field("ts", tecton.types.Timestamp),
        tecton.types.Field("score", tecton.types.Float64),
    ],
)
