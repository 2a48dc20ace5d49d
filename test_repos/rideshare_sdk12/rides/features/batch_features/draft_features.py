from datetime import datetime, timedelta

from tecton import batch_feature_view

from rides.data_sources.trips import trips_batch
from rides.entities import rider

# Not ready yet: kept here so the next change is a small diff.
#
# @batch_feature_view(
#     sources=[trips_batch],
#     entities=[rider],
#     mode="spark_sql",
#     batch_schedule=timedelta(days=1),
#     feature_start_time=datetime(2024, 1, 1),
# )
# def rider_last_fare(trips):
#     return f"SELECT rider_id, fare, ended_at FROM {trips}"
