from datetime import timedelta

from tecton import Attribute, batch_feature_view
from tecton.types import Float64

from data_sources import transactions
from entities import user


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    online=True,
)
def user_spend(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"
