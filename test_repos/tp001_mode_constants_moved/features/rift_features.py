from datetime import datetime, timedelta

from tecton import RiftBatchConfig, batch_feature_view
from tecton.framework.transformation import PANDAS_MODE
from tecton.types import Field, Float64, String, Timestamp

from data_sources import transactions_batch
from entities import user

# A draft on Rift: not materialized yet, so SDK 0.9 needs no environment for it.
LARGE = RiftBatchConfig(instance_type="m5.2xlarge")


@batch_feature_view(
    sources=[transactions_batch],
    entities=[user],
    mode=PANDAS_MODE,
    schema=[Field("user_id", String), Field("amount_eur", Float64), Field("timestamp", Timestamp)],
    batch_schedule=timedelta(days=1),
    batch_compute=LARGE,
    online=False,
    offline=False,
    feature_start_time=datetime(2023, 6, 1),
)
def user_amount_eur(transactions):
    transactions["amount_eur"] = transactions["amount"] * 0.9
    return transactions[["user_id", "amount_eur", "timestamp"]]
