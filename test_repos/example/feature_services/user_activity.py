from tecton import FeatureService

from constants import OWNER
from features.feature_tables.user_login_counts import user_login_counts
from features.stream_features.user_click_counts_push import user_click_counts_push
from features.stream_features.user_recent_transactions import user_recent_transactions

user_activity_feature_service = FeatureService(
    name="user_activity_feature_service",
    features=[
        user_click_counts_push,
        user_recent_transactions,
        user_login_counts,
    ],
    online_serving_enabled=True,
    owner=OWNER,
)
