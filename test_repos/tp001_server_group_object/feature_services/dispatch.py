from tecton import FeatureService

from server_groups import dispatch_group

from features.batch_features import driver_fares, driver_lifetime_trips, zone_active_drivers, zone_surge
from features.feature_table import driver_churn_scores
from features.realtime import fare_above_driver_mean
from features.stream_features import driver_last_fare, driver_status, driver_trips_last_hour

dispatch_model = FeatureService(
    name="dispatch_model",
    features=[driver_fares, driver_trips_last_hour, driver_last_fare, driver_status, fare_above_driver_mean],
    realtime_environment="tecton-python-extended:0.6",
    transform_server_group=dispatch_group,
)

driver_retention = FeatureService(
    name="driver_retention",
    features=[driver_lifetime_trips, driver_churn_scores, zone_surge, zone_active_drivers],
    online_serving_enabled=False,
)
