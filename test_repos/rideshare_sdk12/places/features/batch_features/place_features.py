from datetime import timedelta

from tecton import Aggregate, batch_feature_view
from tecton.aggregation_functions import approx_count_distinct
from tecton.types import Field, Int32

from places.data_sources.place_visits import place_visits_batch
from places.entities import place


@batch_feature_view(
    description="Distinct visits that went to a place.",
    sources=[place_visits_batch.unfiltered()],
    entities=[place],
    mode="spark_sql",
    timestamp_field="at",
    aggregation_interval=timedelta(days=1),
    features=[
        Aggregate(input_column=Field("visit", Int32), function=approx_count_distinct(), time_window=timedelta(days=28)),
    ],
)
def place_visit_reach(visits):
    return f"SELECT visit, place, at FROM {visits}"


@batch_feature_view(
    description="Searches, bookings and trips to a place, counted per kind.",
    sources=[place_visits_batch.unfiltered()],
    # Counted separately for each value of `kind`, on top of the entity's join key.
    aggregation_secondary_key="kind",
    entities=[place],
    mode="spark_sql",
    timestamp_field="at",
    aggregation_interval=timedelta(days=1),
    features=[
        Aggregate(
            function="count",
            input_column=Field("event", Int32),
            time_window=timedelta(days=28),
            description="Events of each kind at the place.",
        )
    ],
)
def place_events_by_kind(visits):
    return f"SELECT place, at, kind, 1 AS event FROM {visits}"
