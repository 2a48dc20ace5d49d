from tecton import Attribute, RequestSource, realtime_feature_view
from tecton.types import Bool, Field, Float64

fare_request = RequestSource(schema=[Field("fare", Float64)])


# Depends on the request alone.
@realtime_feature_view(
    sources=[fare_request],
    mode="python",
    features=[Attribute("fare_is_high", Bool)],
    description="The quoted fare is above 80.",
)
def fare_is_high(fare_request):
    return {"fare_is_high": fare_request["fare"] > 80}
