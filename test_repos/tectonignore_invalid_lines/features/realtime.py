from tecton import Attribute, Calculation, RealtimeFeatureView, RequestSource, realtime_feature_view
from tecton.types import Bool, Field, Float64

from features.stream_features import account_clicks_recent

bid_request = RequestSource(schema=[Field("bid", Float64)])


@realtime_feature_view(
    sources=[bid_request],
    mode="python",
    features=[Attribute("bid_is_high", Bool)],
)
def bid_is_high(bid_request):
    return {"bid_is_high": bid_request["bid"] > 5.0}


clicks_plus_one = RealtimeFeatureView(
    name="clicks_plus_one",
    sources=[account_clicks_recent],
    features=[
        Calculation(name="clicks_15m_plus_one", expr="account_clicks_recent.clicked_sum_15m_1m + 1"),
    ],
)
