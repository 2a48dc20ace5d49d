from tecton import FeatureService

from rides.features.realtime_features.pickup_distance_from_home import pickup_distance_from_home
from rides.features.realtime_features.shared_ride_distance import shared_ride_distance

rider_distance_service = FeatureService(
    name="rider_distance_service",
    description="Distances computed at request time from the riders' home locations.",
    features=[shared_ride_distance, pickup_distance_from_home],
    realtime_environment="tecton-core-1.2.1",
    online_serving_enabled=True,
)
