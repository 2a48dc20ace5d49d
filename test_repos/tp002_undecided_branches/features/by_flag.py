from datetime import timedelta
import os

from tecton import Attribute, batch_feature_view
from tecton.types import Float64

from common.versions import by_flag
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
    tecton_materialization_runtime=by_flag(os.environ.get("LEGACY")),
)
def spend_by_flag(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"
