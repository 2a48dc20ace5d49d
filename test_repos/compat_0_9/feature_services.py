from tecton.v09_compat import FeatureService

from features.batch_features import merchant_avg_amount, user_spend
from features.feature_table import user_model_scores
from features.on_demand import amount_is_large, amount_is_round
from features.stream_features import user_external_score, user_max_amount_1h

fraud_v09 = FeatureService(
    name="fraud_v09",
    features=[user_spend, merchant_avg_amount, user_max_amount_1h, user_external_score, user_model_scores, amount_is_large, amount_is_round],
    on_demand_environment="tecton-python-extended:0.4",
)
