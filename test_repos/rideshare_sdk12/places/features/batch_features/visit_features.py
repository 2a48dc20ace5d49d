from datetime import datetime, timedelta

from tecton import Aggregate, batch_feature_view
from tecton.aggregation_functions import approx_count_distinct
from tecton.types import Field, Int32

from places.data_sources.place_visits import place_visits_batch
from places.entities import visit


@batch_feature_view(
    sources=[place_visits_batch.unfiltered()],
    entities=[visit],
    mode="spark_sql",
    online=False,
    offline=False,
    feature_start_time=datetime(2024, 2, 1),
    batch_schedule=timedelta(days=1),
    aggregation_interval=timedelta(days=1),
    features=[
        Aggregate(input_column=Field("place", Int32), function=approx_count_distinct(), time_window=timedelta(days=1)),
        Aggregate(input_column=Field("place", Int32), function=approx_count_distinct(), time_window=timedelta(days=3)),
        Aggregate(input_column=Field("place", Int32), function=approx_count_distinct(), time_window=timedelta(days=7)),
    ],
    timestamp_field="at",
    description="Distinct places looked at during a visit over 1, 3 and 7 days.",
)
def visit_distinct_places(visits):
    return f"SELECT visit, place, at FROM {visits}"
