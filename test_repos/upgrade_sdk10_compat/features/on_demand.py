from tecton.types import Bool, Field, Float64
from tecton.v09_compat import RequestSource, on_demand_feature_view

from features.batch_features import user_spend

request = RequestSource(schema=[Field("amount", Float64)])


@on_demand_feature_view(
    sources=[request, user_spend],
    mode="python",
    schema=[Field("amount_is_large", Bool)],
)
def amount_is_large(request, user_spend):
    return {"amount_is_large": request["amount"] > 1000}
