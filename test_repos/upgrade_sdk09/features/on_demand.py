from tecton import RequestSource, on_demand_feature_view
from tecton.types import Bool, Field, Float64

from features.batch_features import product_price

checkout = RequestSource(schema=[Field("offered_price", Float64)])


@on_demand_feature_view(
    sources=[checkout, product_price],
    mode="python",
    schema=[Field("is_discounted", Bool)],
    description="Whether the checkout price is below the catalogue price.",
)
def is_discounted(checkout, product_price):
    return {"is_discounted": checkout["offered_price"] < (product_price["price"] or 0.0)}
