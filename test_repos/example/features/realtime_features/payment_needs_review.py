from tecton import Attribute, RequestSource, realtime_feature_view
from tecton.types import Bool, Field, Float64

from constants import OWNER

transaction_request = RequestSource(schema=[Field("amt", Float64)])

HIGH_AMOUNT = 10_000


@realtime_feature_view(
    sources=[transaction_request],
    mode="python",
    features=[Attribute("payment_needs_review", Bool)],
    owner=OWNER,
    description="Whether the transaction amount is above the review threshold.",
)
def payment_needs_review(transaction_request):
    return {"payment_needs_review": transaction_request["amt"] >= HIGH_AMOUNT}
