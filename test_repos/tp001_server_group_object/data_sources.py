from datetime import timedelta

from tecton import BatchSource, FileConfig, HiveConfig, KafkaConfig, PushConfig, StreamSource
from tecton.types import Field, Float64, Int64, String, Timestamp


def parse_trip(df):
    from pyspark.sql.functions import col, from_json
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType, TimestampType

    schema = StructType(
        [
            StructField("driver_id", StringType()),
            StructField("zone_id", LongType()),
            StructField("fare", DoubleType()),
            StructField("timestamp", TimestampType()),
        ]
    )
    return df.select(from_json(col("value").cast("string"), schema).alias("t")).select("t.*")


trips_hive = HiveConfig(database="mobility", table="trips", timestamp_field="timestamp")

trips_batch = BatchSource(name="trips_batch", batch_config=trips_hive)

trips_stream = StreamSource(
    name="trips_stream",
    stream_config=KafkaConfig(
        kafka_bootstrap_servers="kafka.example.com:9092",
        topics="trips",
        timestamp_field="timestamp",
        watermark_delay_threshold=timedelta(minutes=30),
        post_processor=parse_trip,
    ),
    batch_config=trips_hive,
)

zones_batch = BatchSource(
    name="zones_batch",
    batch_config=FileConfig(uri="s3://example-mobility/zones/", file_format="parquet", timestamp_field="updated_at"),
)

driver_status_push = StreamSource(
    name="driver_status_push",
    stream_config=PushConfig(),
    schema=[Field("driver_id", String), Field("timestamp", Timestamp), Field("online_minutes", Int64), Field("rating", Float64)],
)
