from tecton.v09_compat import FeatureService

from features.batch_features import merchant_avg_amount, user_merchant_last_amount, user_recent_count, user_spend
from features.feature_table import user_model_scores
from features.on_demand import amount_is_large
from features.stream_features import user_external_score, user_max_amount_1h

fraud = FeatureService(
    name="fraud",
    features=[user_spend, merchant_avg_amount, user_recent_count, user_max_amount_1h, user_external_score, user_model_scores, amount_is_large],
)
