from tecton import Attribute, RequestSource, realtime_feature_view
from tecton.types import Bool, Field, Float64

from features.batch_features import driver_fares

ride_request = RequestSource(schema=[Field("quoted_fare", Float64)])


@realtime_feature_view(
    sources=[ride_request, driver_fares],
    mode="python",
    features=[Attribute("fare_above_driver_mean", Bool)],
)
def fare_above_driver_mean(ride_request, driver_fares):
    mean = driver_fares["fare_mean_30d_1d"] or 0.0
    return {"fare_above_driver_mean": ride_request["quoted_fare"] > mean}
