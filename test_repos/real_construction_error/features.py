from datetime import datetime, timedelta

from tecton import Attribute, stream_feature_view
from tecton.types import Float64

from data_sources import transactions_stream, user


@stream_feature_view(
    source=transactions_stream,
    entities=[user],
    mode="spark_sql",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=30),
    timestamp_field="timestamp",
    features=[Attribute("amount", Float64)],
)
def last_amount(transactions_stream):
    return f"SELECT user_id, timestamp, amount FROM {transactions_stream}"


# Reduced from tecton-ai/examples Spark/Fraud/features/user_last_transaction_location.py:
# written for SDK 0.x, it has no `features=` (required since 1.0 for stream feature views).
@stream_feature_view(
    source=transactions_stream,
    entities=[user],
    mode="spark_sql",
    ttl=timedelta(days=30),
    batch_schedule=timedelta(days=1),
    online=True,
)
def last_location(transactions_stream):
    return f"SELECT user_id, timestamp, lat, long FROM {transactions_stream}"


@stream_feature_view(
    source=transactions_stream,
    entities=[user],
    mode="spark_sql",
    online=True,
    offline=False,
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=30),
    timestamp_field="timestamp",
    features=[Attribute("merchant_count", Float64)],
)
def merchant_count(transactions_stream):
    return f"SELECT user_id, timestamp, merchant_count FROM {transactions_stream}"
