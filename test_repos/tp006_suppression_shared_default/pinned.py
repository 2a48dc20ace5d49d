from datetime import timedelta

from tecton import Attribute, batch_feature_view
from tecton.types import Float64

from data_sources import transactions
from entities import user

# Shared by the two views below, which both suppress its finding: nothing is reported.
OLD_RUNTIME = "1.1.20"


@batch_feature_view(  # tecton-preflight: ignore[TP202]
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    online=True,
    tecton_materialization_runtime=OLD_RUNTIME,
)
def user_pinned_c(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"


@batch_feature_view(  # tecton-preflight: ignore[TP202]
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    online=True,
    tecton_materialization_runtime=OLD_RUNTIME,
)
def user_pinned_d(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"
