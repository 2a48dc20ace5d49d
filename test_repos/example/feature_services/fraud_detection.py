from tecton import FeatureService

from constants import OWNER
from features.batch_features.user_credit_score import user_credit_score
from features.batch_features.user_transaction_counts import user_transaction_counts
from features.realtime_features.transaction_amount_is_high import transaction_amount_is_high
from features.stream_features.user_transaction_amount_metrics import user_transaction_amount_metrics

fraud_detection_feature_service = FeatureService(
    name="fraud_detection_feature_service",
    features=[
        user_transaction_counts,
        user_transaction_amount_metrics,
        user_credit_score,
        transaction_amount_is_high,
    ],
    owner=OWNER,
    description="Features for the real-time fraud model.",
)
