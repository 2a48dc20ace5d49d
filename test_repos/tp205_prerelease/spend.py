from datetime import timedelta

from tecton import batch_feature_view

from data_sources import transactions
from entities import user


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    online=True,
    batch_schedule=timedelta(days=1),
)
def user_spend(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"
