"""Fonctionnalités — ünïcode ☕"""
from datetime import timedelta

from tecton import Attribute, FeatureTable, batch_feature_view
from tecton.types import Float64

from data_sources import transactions
from entities import user

OLD = """1.1.5"""  # a triple-quoted constant


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    online=True,
)
def inherits(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    online=True,
    tecton_materialization_runtime=r'latest',
)
def latest(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    online=True,
    tecton_materialization_runtime=OLD,
)
def old_window(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    online=True,
    tecton_materialization_runtime="1." + "2",
)
def pieces(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"


table = FeatureTable(
    name="table",
    entities=[user],
    features=[Attribute("amount", Float64)],
    online=True,
    timestamp_field="ts",
)
