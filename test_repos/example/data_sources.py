from datetime import timedelta

from tecton import BatchSource, FileConfig, HiveConfig, KinesisConfig, PushConfig, StreamSource
from tecton.types import Field, Int64, String, Timestamp

from constants import OWNER, S3_BUCKET


def raw_transactions_deserialization(df):
    from pyspark.sql.functions import col, from_json, from_utc_timestamp
    from pyspark.sql.types import StringType, StructField, StructType

    payload_schema = StructType(
        [
            StructField("user_id", StringType(), False),
            StructField("transaction_id", StringType(), False),
            StructField("category", StringType(), False),
            StructField("amt", StringType(), False),
            StructField("merchant", StringType(), False),
            StructField("timestamp", StringType(), False),
        ]
    )
    return (
        df.selectExpr("cast (data as STRING) jsonData")
        .select(from_json("jsonData", payload_schema).alias("payload"))
        .select(
            col("payload.user_id").alias("user_id"),
            col("payload.transaction_id").alias("transaction_id"),
            col("payload.category").alias("category"),
            col("payload.amt").cast("double").alias("amt"),
            col("payload.merchant").alias("merchant"),
            from_utc_timestamp("payload.timestamp", "UTC").alias("timestamp"),
        )
    )


transactions_batch_config = HiveConfig(
    database="fraud",
    table="transactions",
    timestamp_field="timestamp",
)

transactions_batch = BatchSource(
    name="transactions_batch",
    batch_config=transactions_batch_config,
    owner=OWNER,
    tags={"release": "production"},
)

transactions_stream = StreamSource(
    name="transactions_stream",
    stream_config=KinesisConfig(
        stream_name="fraud-transactions",
        region="us-west-2",
        initial_stream_position="latest",
        watermark_delay_threshold=timedelta(hours=24),
        timestamp_field="timestamp",
        post_processor=raw_transactions_deserialization,
    ),
    batch_config=transactions_batch_config,
    owner=OWNER,
)

credit_scores_batch = BatchSource(
    name="credit_scores_batch",
    batch_config=FileConfig(
        uri=f"{S3_BUCKET}/credit_scores/",
        file_format="parquet",
        timestamp_field="timestamp",
    ),
    owner=OWNER,
)

user_click_push_source = StreamSource(
    name="user_click_push_source",
    schema=[
        Field("user_id", String),
        Field("timestamp", Timestamp),
        Field("clicked", Int64),
    ],
    stream_config=PushConfig(),
    description="Push source for online ingestion of click events.",
    owner=OWNER,
)
