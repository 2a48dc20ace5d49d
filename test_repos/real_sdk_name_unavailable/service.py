from tecton import FeatureService

from user_counts import user_amount_sum

fraud_service = FeatureService(name="fraud_service", features=[user_amount_sum])
