from tecton import FeatureService

from constants import OWNER
from features.batch_features.user_credit_score import user_credit_score
from features.batch_features.user_transaction_counts import user_transaction_counts
from features.realtime_features.payment_needs_review import payment_needs_review
from features.stream_features.user_transaction_amount_metrics import user_transaction_amount_metrics

fraud_scoring_service = FeatureService(
    name="fraud_scoring_service",
    features=[
        user_transaction_counts,
        user_transaction_amount_metrics,
        user_credit_score,
        payment_needs_review,
    ],
    owner=OWNER,
    description="Features for the real-time fraud model.",
)
