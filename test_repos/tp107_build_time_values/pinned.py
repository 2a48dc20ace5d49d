from datetime import timedelta

from tecton import Attribute, DatabricksClusterConfig, batch_feature_view
from tecton.types import Float64

from data_sources import transactions
from entities import user

# Shared by two views: a finding about it is reported once.
legacy_cluster = DatabricksClusterConfig(
    instance_type="m5.xlarge",
    instance_availability="on_demand",
    dbr_version="10.4.x-scala2.12",
)


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    batch_compute=legacy_cluster,
)
def user_spend_pinned(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    batch_compute=legacy_cluster,
)
def user_spend_pinned_again(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"
