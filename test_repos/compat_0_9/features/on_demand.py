from tecton import Attribute, RequestSource, realtime_feature_view
from tecton.types import Bool, Field, Float64
from tecton.v09_compat import on_demand_feature_view

from features.batch_features import user_spend

request = RequestSource(schema=[Field("amount", Float64)])


@on_demand_feature_view(
    sources=[request, user_spend],
    mode="python",
    schema=[Field("amount_is_large", Bool)],
)
def amount_is_large(request, user_spend):
    return {"amount_is_large": request["amount"] > 1000}


# Already migrated: the 1.0 API next to the compat one.
@realtime_feature_view(
    sources=[request],
    mode="python",
    features=[Attribute("amount_is_round", Bool)],
)
def amount_is_round(request):
    return {"amount_is_round": request["amount"] % 100 == 0}
