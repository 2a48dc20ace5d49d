from tecton import FeatureService

from features.batch_features import user_avg_amount_30d, user_spend_totals
from features.feature_table import user_risk_scores
from features.on_demand import amount_above_average
from features.stream_features import user_amount_stats_stream, user_click_counts

fraud_model_v1 = FeatureService(
    name="fraud_model_v1",
    features=[user_spend_totals, user_avg_amount_30d, user_amount_stats_stream, amount_above_average],
)

engagement_model = FeatureService(
    name="engagement_model",
    features=[user_click_counts, user_risk_scores[["risk_score"]]],
    online_serving_enabled=False,
)
