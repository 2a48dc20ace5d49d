from tecton import Attribute, realtime_feature_view
from tecton.types import Field, Float64

from rides.features.batch_features.rider_home_zone import rider_home_zone


# The same batch view twice: once for the booking rider, once for the co-rider, whose id
# arrives as `co_rider_id`.
@realtime_feature_view(
    sources=[
        rider_home_zone,
        rider_home_zone.with_join_key_map({"rider_id": "co_rider_id"}),
    ],
    mode="python",
    features=[Attribute("homes_km_apart", Float64)],
    description="Distance between the homes of two riders sharing a trip.",
    environments=["tecton-core-1.2.1"],
)
def shared_ride_distance(booker, co_rider):
    import math

    dx = (booker["home_lon"] - co_rider["home_lon"]) * 111.32 * math.cos(math.radians(booker["home_lat"]))
    dy = (booker["home_lat"] - co_rider["home_lat"]) * 110.57
    return {"homes_km_apart": math.hypot(dx, dy)}
