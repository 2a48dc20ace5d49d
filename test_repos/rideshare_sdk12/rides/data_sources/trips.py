from datetime import timedelta

from tecton import BatchSource, DatetimePartitionColumn, FileConfig, KinesisConfig, StreamSource


def decode_trip(df):
    from pyspark.sql.functions import col, from_json, to_timestamp
    from pyspark.sql.types import StringType, StructField, StructType

    columns = ["trip_id", "rider_id", "driver_id", "fare", "cancelled", "pickup_lat", "pickup_lon", "ended_at"]
    schema = StructType([StructField(c, StringType(), True) for c in columns])
    trip = df.select(from_json(col("data").cast("string"), schema).alias("t"))
    return trip.select(
        col("t.trip_id").alias("trip_id"),
        col("t.rider_id").alias("rider_id"),
        col("t.driver_id").alias("driver_id"),
        col("t.fare").cast("double").alias("fare"),
        col("t.cancelled").cast("long").alias("cancelled"),
        col("t.pickup_lat").cast("double").alias("pickup_lat"),
        col("t.pickup_lon").cast("double").alias("pickup_lon"),
        to_timestamp(col("t.ended_at")).alias("ended_at"),
    )


# Kept for the day the bucket is partitioned; nothing reads it yet.
day_partitions = [
    DatetimePartitionColumn(column_name=name, datepart=part, zero_padded=True)
    for name, part in (("y", "year"), ("m", "month"), ("d", "day"))
]

trips_files = FileConfig(
    uri="s3://rideshare-example/trips/",
    file_format="parquet",
    timestamp_field="ended_at",
)

trips_stream = StreamSource(
    name="trips_stream",
    stream_config=KinesisConfig(
        stream_name="rideshare-trips",
        region="eu-central-1",
        initial_stream_position="trim_horizon",
        watermark_delay_threshold=timedelta(hours=6),
        timestamp_field="ended_at",
        post_processor=decode_trip,
        options={"roleArn": "arn:aws:iam::000000000000:role/rideshare-stream-reader"},
    ),
    batch_config=trips_files,
    owner="trust-team@rideshare.example",
    tags={"team": "trust"},
)

trips_batch = BatchSource(
    name="trips_batch",
    batch_config=trips_files,
    owner="trust-team@rideshare.example",
    tags={"team": "trust"},
)
