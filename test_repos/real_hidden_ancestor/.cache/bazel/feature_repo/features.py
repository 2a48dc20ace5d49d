from datetime import datetime, timedelta

from tecton import Aggregate, batch_feature_view
from tecton.types import Field, Float64

from entities import transactions, user


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    aggregation_interval=timedelta(days=1),
    timestamp_field="timestamp",
    features=[Aggregate(input_column=Field("amount", Float64), function="sum", time_window=timedelta(days=7))],
)
def user_amount_sum(transactions):
    return f"SELECT user_id, amount, timestamp FROM {transactions}"
