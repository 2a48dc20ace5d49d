from datetime import datetime, timedelta

from tecton import Aggregation, DatabricksClusterConfig, DeltaConfig, OfflineStoreConfig, batch_feature_view

from common import orders, user

NO_ARGS = []


@batch_feature_view(
    sources=[orders],
    entities=[user],
    mode="spark_sql",
    online=False,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    aggregation_interval=timedelta(days=1),
    aggregations=[Aggregation("amount", "sum", timedelta(days=7))],
    batch_compute=DatabricksClusterConfig(*NO_ARGS, instance_type="m5.xlarge", number_of_workers=2),
    offline_store=OfflineStoreConfig(staging_table_format=DeltaConfig(time_partition_size=timedelta(days=1))),
)
def order_totals(orders):
    return f"SELECT user_id, amount, ts FROM {orders}"
