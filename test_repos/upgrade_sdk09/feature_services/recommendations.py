from tecton import FeatureService

from features.batch_features import customer_order_value, product_price, product_title_words
from features.on_demand import is_discounted
from features.stream_features import cart_value_latest, customer_recent_orders, page_view_counts

recommendations = FeatureService(
    name="recommendations",
    features=[customer_order_value, customer_recent_orders, product_title_words, product_price, is_discounted],
    on_demand_environment="tecton-python-extended:0.4",
)

session_features = FeatureService(
    name="session_features",
    features=[page_view_counts, cart_value_latest],
)
