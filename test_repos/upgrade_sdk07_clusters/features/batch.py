from datetime import datetime, timedelta

from tecton import DatabricksClusterConfig, DeltaConfig, batch_feature_view

from entities import customer
from sources import payments_batch


# Batch jobs may keep spot instances.
@batch_feature_view(
    sources=[payments_batch],
    entities=[customer],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    online=False,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
    batch_compute=DatabricksClusterConfig(instance_type="m5.xlarge", instance_availability="spot"),
    offline_store=DeltaConfig(timedelta(days=1)),
)
def customer_daily_payments(payments):
    return f"SELECT customer_id, amount, timestamp FROM {payments}"
