from tecton import RequestSource, on_demand_feature_view
from tecton.types import Bool, Field, Float64

from features.batch_features import user_avg_amount_30d

request = RequestSource(schema=[Field("amount", Float64)])


@on_demand_feature_view(
    sources=[request, user_avg_amount_30d],
    mode="python",
    schema=[Field("amount_above_average", Bool)],
)
def amount_above_average(request, user_avg_amount_30d):
    avg = user_avg_amount_30d["avg_amount_30d"] or 0.0
    return {"amount_above_average": request["amount"] > avg}
