from datetime import datetime, timedelta

from tecton import Attribute, FeatureTable, RiftBatchConfig, batch_feature_view
from tecton.types import Float64

from data_sources import transactions
from entities import user


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="pandas",
    batch_compute=RiftBatchConfig(),
    features=[Attribute("amount", Float64)],
    timestamp_field="timestamp",
    batch_schedule=timedelta(days=1),
    online=True,
    offline=True,
    feature_start_time=datetime(2025, 1, 1),
)
def user_spend(transactions):
    return transactions[["user_id", "amount", "timestamp"]]


user_scores = FeatureTable(
    name="user_scores",
    entities=[user],
    features=[Attribute("score", Float64)],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    ttl=timedelta(days=30),
)
