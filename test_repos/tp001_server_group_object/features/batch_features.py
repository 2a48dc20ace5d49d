from datetime import datetime, timedelta

from tecton import Aggregate, Attribute, batch_feature_view
from tecton.types import Field, Float64, Int64

from data_sources import trips_batch, zones_batch
from entities import driver, zone

START = datetime(2024, 6, 1)


@batch_feature_view(
    sources=[trips_batch],
    entities=[driver],
    mode="spark_sql",
    aggregation_interval=timedelta(days=1),
    features=[
        Aggregate(input_column=Field("fare", Float64), function="sum", time_window=timedelta(days=7)),
        Aggregate(input_column=Field("fare", Float64), function="mean", time_window=timedelta(days=30)),
    ],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    feature_start_time=START,
    tecton_materialization_runtime="1.1.5",
)
def driver_fares(trips):
    return f"SELECT driver_id, fare, timestamp FROM {trips}"


@batch_feature_view(
    sources=[trips_batch.unfiltered()],
    entities=[driver],
    mode="pyspark",
    features=[Attribute("lifetime_trips", Int64)],
    timestamp_field="timestamp",
    batch_schedule=timedelta(days=1),
    online=True,
    offline=False,
    feature_start_time=START,
    tecton_materialization_runtime=None,
)
def driver_lifetime_trips(trips):
    from pyspark.sql import functions as F

    return trips.groupBy("driver_id").agg(F.count("*").alias("lifetime_trips"), F.max("timestamp").alias("timestamp"))


# Pandas mode without environment: the deployment's compute mode decides.
@batch_feature_view(
    sources=[zones_batch],
    entities=[zone],
    mode="pandas",
    features=[Attribute("surge_multiplier", Float64)],
    timestamp_field="updated_at",
    batch_schedule=timedelta(hours=1),
    online=True,
    offline=True,
    feature_start_time=START,
)
def zone_surge(zones):
    return zones[["zone_id", "surge_multiplier", "updated_at"]]


# Rift: an explicit environment.
@batch_feature_view(
    sources=[zones_batch],
    entities=[zone],
    mode="pandas",
    features=[Attribute("active_drivers", Int64)],
    timestamp_field="updated_at",
    batch_schedule=timedelta(hours=1),
    online=True,
    offline=False,
    feature_start_time=START,
    environment="tecton-core-1.1.0",
)
def zone_active_drivers(zones):
    return zones[["zone_id", "active_drivers", "updated_at"]]


# Not materialized.
@batch_feature_view(
    sources=[trips_batch],
    entities=[driver, zone],
    mode="spark_sql",
    features=[Attribute("trips_in_zone", Int64)],
    timestamp_field="timestamp",
)
def driver_zone_trips(trips):
    return f"SELECT driver_id, zone_id, COUNT(*) AS trips_in_zone, MAX(timestamp) AS timestamp FROM {trips} GROUP BY 1, 2"
