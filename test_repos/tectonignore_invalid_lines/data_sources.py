from datetime import timedelta

from tecton import BatchSource, FileConfig, HiveConfig, KinesisConfig, PushConfig, StreamSource
from tecton.types import Field, Int64, String, Timestamp


def parse_impression(df):
    from pyspark.sql.functions import col, from_json
    from pyspark.sql.types import LongType, StringType, StructField, StructType, TimestampType

    schema = StructType(
        [
            StructField("account_id", StringType()),
            StructField("campaign_id", StringType()),
            StructField("clicked", LongType()),
            StructField("timestamp", TimestampType()),
        ]
    )
    return df.select(from_json(col("data").cast("string"), schema).alias("i")).select("i.*")


impressions_hive = HiveConfig(database="ads", table="impressions", timestamp_field="timestamp")

impressions_batch = BatchSource(name="impressions_batch", batch_config=impressions_hive)

impressions_stream = StreamSource(
    name="impressions_stream",
    stream_config=KinesisConfig(
        stream_name="ad-impressions",
        region="eu-west-1",
        initial_stream_position="trim_horizon",
        watermark_delay_threshold=timedelta(hours=1),
        timestamp_field="timestamp",
        post_processor=parse_impression,
    ),
    batch_config=impressions_hive,
)

campaigns_batch = BatchSource(
    name="campaigns_batch",
    batch_config=FileConfig(uri="s3://example-ads/campaigns/", file_format="parquet", timestamp_field="updated_at"),
)

conversions_push = StreamSource(
    name="conversions_push",
    stream_config=PushConfig(),
    schema=[Field("account_id", String), Field("timestamp", Timestamp), Field("conversions", Int64)],
    batch_config=HiveConfig(database="ads", table="conversions", timestamp_field="timestamp"),
)
