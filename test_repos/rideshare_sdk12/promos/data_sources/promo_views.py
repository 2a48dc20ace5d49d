from datetime import timedelta

from tecton import (
    BatchSource,
    DatetimePartitionColumn,
    HiveConfig,
    KinesisConfig,
    PushConfig,
    StreamSource,
)
from tecton.types import Field, Int64, String, Timestamp

promo_views_hive = HiveConfig(
    database="growth",
    table="promo_views_daily",
    timestamp_field="viewed_at",
    datetime_partition_columns=[
        DatetimePartitionColumn(column_name="day", datepart="date", zero_padded=True),
    ],
)

promo_views_batch = BatchSource(
    name="promo_views_batch",
    batch_config=promo_views_hive,
    tags={"team": "growth", "origin": "app"},
)


def parse_promo_view(df):
    from pyspark.sql.functions import col, from_json, to_timestamp
    from pyspark.sql.types import StringType, StructField, StructType

    fields = ["tapped", "promo_id", "banner_id", "campaign_run_id", "pickup_zone", "rider_id", "viewed_at"]
    schema = StructType([StructField(name, StringType(), True) for name in fields])
    parsed = df.select(from_json(col("data").cast("string"), schema).alias("v"))
    return parsed.select(
        col("v.tapped").cast("long").alias("tapped"),
        col("v.promo_id").cast("long").alias("promo_id"),
        col("v.banner_id").alias("banner_id"),
        col("v.campaign_run_id").alias("campaign_run_id"),
        col("v.pickup_zone").alias("pickup_zone"),
        col("v.rider_id").alias("rider_id"),
        to_timestamp(col("v.viewed_at")).alias("viewed_at"),
    )


promo_views_stream = StreamSource(
    name="promo_views_stream",
    stream_config=KinesisConfig(
        stream_name="rideshare-promo-views",
        region="eu-central-1",
        post_processor=parse_promo_view,
        timestamp_field="viewed_at",
        watermark_delay_threshold=timedelta(hours=12),
        initial_stream_position="latest",
        deduplication_columns=[],
        options={"roleArn": "arn:aws:iam::000000000000:role/rideshare-stream-reader"},
    ),
    batch_config=promo_views_hive,
    tags={"team": "growth", "origin": "app"},
)


zone_tap_schema = [
    Field(name="pickup_zone", dtype=String),
    Field(name="viewed_at", dtype=Timestamp),
    Field(name="tapped", dtype=Int64),
]
zone_tap_source = StreamSource(
    name="zone_tap_source",
    schema=zone_tap_schema,
    batch_config=promo_views_hive,
    description="""
        Taps on promotions, pushed by the app with the pickup zone they happened in;
        the Hive table backfills them.
    """,
    owner="growth-team@rideshare.example",
    tags={"team": "growth"},
    stream_config=PushConfig(),
)

rider_tap_schema = [
    Field(name="rider_id", dtype=String),
    Field(name="viewed_at", dtype=Timestamp),
    Field(name="tapped", dtype=Int64),
]
rider_tap_push_source = StreamSource(
    name="rider_tap_events",
    schema=rider_tap_schema,
    description="Taps on promotions, pushed by the app with the rider who tapped.",
    owner="growth-team@rideshare.example",
    tags={"team": "growth"},
    stream_config=PushConfig(),
)
