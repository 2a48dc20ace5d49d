import os, tecton.v09_compat as compat

from features.aliased import customer_count, customer_score
from features.plain import customer_scores, customer_spend

shop = compat.FeatureService(
    name="shop",
    features=[customer_spend, customer_count, customer_score, customer_scores],
    owner=os.environ.get("OWNER", "shop@example.com"),
)
