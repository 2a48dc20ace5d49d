from datetime import timedelta

from tecton import BatchSource, FileConfig, HiveConfig, KinesisConfig, PushConfig, PushSource, StreamSource
from tecton.types import Field, Float64, Int64, String, Timestamp


def parse_orders(df):
    from pyspark.sql.functions import col, from_json
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType, TimestampType

    schema = StructType(
        [
            StructField("customer_id", StringType()),
            StructField("product_id", StringType()),
            StructField("price", DoubleType()),
            StructField("timestamp", TimestampType()),
        ]
    )
    return df.select(from_json(col("data").cast("string"), schema).alias("o")).select("o.*")


orders_hive = HiveConfig(database="shop", table="orders", timestamp_field="timestamp")

orders_batch = BatchSource(name="orders_batch", batch_config=orders_hive, owner="growth@example.com")

orders_stream = StreamSource(
    name="orders_stream",
    stream_config=KinesisConfig(
        stream_name="orders",
        region="us-east-1",
        initial_stream_position="latest",
        timestamp_field="timestamp",
        post_processor=parse_orders,
    ),
    batch_config=orders_hive,
)

products_batch = BatchSource(
    name="products_batch",
    batch_config=FileConfig(uri="s3://example-shop/products/", file_format="parquet", timestamp_field="updated_at"),
)

# The 0.9 way to declare an ingest source: StreamSource + PushConfig.
page_views_push = StreamSource(
    name="page_views_push",
    stream_config=PushConfig(),
    schema=[Field("customer_id", String), Field("timestamp", Timestamp), Field("views", Int64)],
)

# Deprecated in 0.9 (still accepted, logs a warning).
cart_events_push = PushSource(
    name="cart_events_push",
    schema=[Field("customer_id", String), Field("timestamp", Timestamp), Field("cart_value", Float64)],
    batch_config=HiveConfig(database="shop", table="cart_events", timestamp_field="timestamp"),
)
