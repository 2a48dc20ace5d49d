import os
from datetime import timedelta

from tecton import Attribute, Entity, batch_feature_view
from tecton.types import Field, Float64, String

from data_sources import transactions
from entities import user

RUNTIME = os.environ["TECTON_RUNTIME"]
OPTIONS = load_options()


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    online=True,
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    tecton_materialization_runtime=RUNTIME,
)
def user_spend(transactions):
    return f"SELECT * FROM {transactions}"


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    **OPTIONS,
)
def user_spend_opts(transactions):
    return f"SELECT * FROM {transactions}"


for region in os.environ.get("REGIONS", "").split(","):
    Entity(name="region_" + region, join_keys=[Field("region", String)])
