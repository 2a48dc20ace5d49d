from datetime import datetime, timedelta

from tecton import DatabricksClusterConfig, batch_feature_view

from common import orders, user


@batch_feature_view(
    sources=[orders],
    entities=[user],
    mode="spark_sql",
    online=False,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    batch_schedule=timedelta(days=1),
    batch_compute=DatabricksClusterConfig("m5.xlarge", number_of_workers=2),
)
def order_amounts(orders):
    return f"SELECT user_id, amount, ts FROM {orders}"
