from tecton import Attribute, RequestSource, realtime_feature_view
from tecton.types import Field, Float64

from rides.features.batch_features.rider_home_zone import rider_home_zone

pickup = RequestSource(schema=[Field("pickup_lat", Float64), Field("pickup_lon", Float64)])


@realtime_feature_view(
    sources=[pickup, rider_home_zone],
    mode="python",
    features=[Attribute("km_from_home", Float64)],
    description="Distance between the pickup point and the rider's home.",
    environments=["tecton-core-1.1.0"],
)
def pickup_distance_from_home(pickup, rider_home_zone):
    import math

    # Equirectangular approximation: good enough within a city.
    mean_lat = math.radians((pickup["pickup_lat"] + rider_home_zone["home_lat"]) / 2)
    dx = math.radians(pickup["pickup_lon"] - rider_home_zone["home_lon"]) * math.cos(mean_lat)
    dy = math.radians(pickup["pickup_lat"] - rider_home_zone["home_lat"])
    return {"km_from_home": 6371.0 * math.hypot(dx, dy)}
