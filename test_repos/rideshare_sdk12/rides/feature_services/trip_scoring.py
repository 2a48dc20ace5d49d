from tecton import FeatureService

from rides.features.batch_features.driver_cancel_rate import driver_cancel_rate
from rides.features.batch_features.rider_distinct_driver_count_28d import rider_distinct_driver_count_28d
from rides.features.batch_features.rider_trip_counts import rider_trip_counts
from rides.features.realtime_features.fare_above_daily_mean import fare_above_daily_mean
from rides.features.stream_features.rider_fare_metrics import rider_fare_metrics

trip_scoring_service = FeatureService(
    name="trip_scoring_service",
    prevent_destroy=False,
    features=[
        fare_above_daily_mean,
        rider_fare_metrics,
        rider_trip_counts,
        rider_distinct_driver_count_28d,
        driver_cancel_rate,
    ],
)

# The next version, once the draft features are ready:
#
# trip_scoring_service_v2 = FeatureService(
#     name="trip_scoring_service:v2",
#     features=[
#         rider_last_fare,
#         fare_above_daily_mean,
#         rider_fare_metrics,
#     ],
# )
