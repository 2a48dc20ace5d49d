from datetime import timedelta

from tecton import BatchSource, HiveConfig, KafkaConfig, StreamSource


def parse_payments(df):
    return df.selectExpr("CAST(value AS STRING) AS customer_id", "timestamp", "1.0 AS amount")


payments_hive = HiveConfig(database="billing", table="payments", timestamp_field="timestamp")

payments_batch = BatchSource(name="payments_batch", batch_config=payments_hive)

payments_stream = StreamSource(
    name="payments_stream",
    stream_config=KafkaConfig(
        kafka_bootstrap_servers="kafka.example.com:9092",
        topics="payments",
        timestamp_field="timestamp",
        watermark_delay_threshold=timedelta(hours=1),
        post_processor=parse_payments,
    ),
    batch_config=payments_hive,
)
