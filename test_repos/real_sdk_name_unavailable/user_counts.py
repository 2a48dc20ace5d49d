from datetime import datetime, timedelta

from tecton import Aggregation, batch_feature_view

from entities import transactions, user


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    aggregation_interval=timedelta(days=1),
    aggregations=[Aggregation(column="amount", function="sum", time_window=timedelta(days=7))],
)
def user_amount_sum(transactions):
    return f"SELECT user_id, amount, timestamp FROM {transactions}"
