from datetime import datetime, timedelta

from tecton import Aggregation, FilteredSource, RiftBatchConfig, batch_feature_view
from tecton.types import Field, Float64, Int64, String, Timestamp

from data_sources import orders_batch, products_batch
from entities import customer, product

START = datetime(2024, 1, 1)


@batch_feature_view(
    sources=[FilteredSource(orders_batch)],
    entities=[customer],
    mode="spark_sql",
    aggregation_interval=timedelta(days=1),
    aggregations=[
        Aggregation(column="price", function="sum", time_window=timedelta(days=7)),
        Aggregation(column="price", function="sum", time_window=timedelta(days=28)),
    ],
    schema=[Field("customer_id", String), Field("price", Float64), Field("timestamp", Timestamp)],
    online=True,
    offline=True,
    feature_start_time=START,
    tecton_materialization_runtime="0.9.12",
)
def customer_order_value(orders):
    return f"SELECT customer_id, price, timestamp FROM {orders}"


# Explicit None: the repo.yaml runtime default applies.
@batch_feature_view(
    sources=[FilteredSource(orders_batch)],
    entities=[customer, product],
    mode="spark_sql",
    aggregation_interval=timedelta(days=1),
    aggregations=[Aggregation(column="one", function="count", time_window=timedelta(days=90))],
    schema=[
        Field("customer_id", String),
        Field("product_id", String),
        Field("one", Int64),
        Field("timestamp", Timestamp),
    ],
    online=False,
    offline=True,
    feature_start_time=START,
    tecton_materialization_runtime=None,
)
def customer_product_purchases(orders):
    return f"SELECT customer_id, product_id, 1 AS one, timestamp FROM {orders}"


# Pandas mode, no environment: Spark or Rift depends on the deployment.
@batch_feature_view(
    sources=[products_batch],
    entities=[product],
    mode="pandas",
    schema=[Field("product_id", String), Field("title_words", Int64), Field("updated_at", Timestamp)],
    timestamp_field="updated_at",
    batch_schedule=timedelta(days=1),
    online=True,
    offline=False,
    feature_start_time=START,
)
def product_title_words(products):
    products["title_words"] = products["title"].str.split().str.len()
    return products[["product_id", "title_words", "updated_at"]]


# Rift: pandas mode with an explicit environment.
@batch_feature_view(
    sources=[products_batch],
    entities=[product],
    mode="pandas",
    schema=[Field("product_id", String), Field("price", Float64), Field("updated_at", Timestamp)],
    timestamp_field="updated_at",
    batch_schedule=timedelta(days=1),
    online=True,
    offline=True,
    feature_start_time=START,
    environment="tecton-rift-core-0.9.0",
)
def product_price(products):
    return products[["product_id", "price", "updated_at"]]


# Rift through the compute config (python mode), environment from repo.yaml.
@batch_feature_view(
    sources=[products_batch],
    entities=[product],
    mode="python",
    schema=[Field("product_id", String), Field("in_stock", Int64), Field("updated_at", Timestamp)],
    timestamp_field="updated_at",
    batch_schedule=timedelta(days=1),
    batch_compute=RiftBatchConfig(),
    online=False,
    offline=True,
    feature_start_time=START,
)
def product_in_stock(products):
    return products


# Not materialized.
@batch_feature_view(
    sources=[orders_batch],
    entities=[customer],
    mode="spark_sql",
    schema=[Field("customer_id", String), Field("first_order", Timestamp), Field("timestamp", Timestamp)],
    timestamp_field="timestamp",
)
def customer_first_order(orders):
    return f"SELECT customer_id, MIN(timestamp) AS first_order, MAX(timestamp) AS timestamp FROM {orders} GROUP BY customer_id"
