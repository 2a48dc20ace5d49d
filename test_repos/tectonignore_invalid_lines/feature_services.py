from tecton import FeatureService

from features.batch_features import account_clicks_7d, campaign_bid_cap, campaign_budget
from features.feature_tables import account_ltv, account_segment
from features.realtime import bid_is_high, clicks_plus_one
from features.stream_features import account_clicks_recent, account_conversions

bidding = FeatureService(
    name="bidding",
    features=[account_clicks_7d, account_clicks_recent, campaign_budget, campaign_bid_cap, bid_is_high, clicks_plus_one],
)

account_value = FeatureService(
    name="account_value",
    features=[account_ltv, account_segment, account_conversions],
    realtime_environment="tecton-core-1.2.3",
)
