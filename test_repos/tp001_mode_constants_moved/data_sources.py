from datetime import timedelta

from tecton import BatchSource, FileConfig, HiveConfig, KafkaConfig, PushSource, StreamSource
from tecton.types import Field, Float64, Int64, String, Timestamp


def parse_transactions(df):
    from pyspark.sql.functions import col, from_json
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType, TimestampType

    schema = StructType(
        [
            StructField("user_id", StringType()),
            StructField("merchant_id", StringType()),
            StructField("amount", DoubleType()),
            StructField("timestamp", TimestampType()),
        ]
    )
    return df.select(from_json(col("value").cast("string"), schema).alias("t")).select("t.*")


transactions_hive = HiveConfig(database="payments", table="transactions", timestamp_field="timestamp")

transactions_batch = BatchSource(name="transactions_batch", batch_config=transactions_hive)

transactions_stream = StreamSource(
    name="transactions_stream",
    stream_config=KafkaConfig(
        kafka_bootstrap_servers="broker-1.example.com:9092",
        topics="transactions",
        timestamp_field="timestamp",
        watermark_delay_threshold=timedelta(hours=6),
        post_processor=parse_transactions,
    ),
    batch_config=transactions_hive,
)

merchants_batch = BatchSource(
    name="merchants_batch",
    batch_config=FileConfig(uri="s3://example-payments/merchants/", file_format="parquet", timestamp_field="updated_at"),
)

user_clicks_push = PushSource(
    name="user_clicks_push",
    schema=[Field("user_id", String), Field("timestamp", Timestamp), Field("clicks", Int64), Field("dwell", Float64)],
    batch_config=HiveConfig(database="web", table="clicks", timestamp_field="timestamp"),
)
