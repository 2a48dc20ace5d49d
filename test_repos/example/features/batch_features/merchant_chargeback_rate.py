from datetime import timedelta

from tecton import Attribute, batch_feature_view
from tecton.types import Float64

from constants import OWNER
from data_sources import transactions_batch
from entities import merchant


# Not materialized yet (online and offline are both off): computed on the fly
# for exploration in notebooks, so no materialization runtime is needed.
@batch_feature_view(
    sources=[transactions_batch],
    entities=[merchant],
    mode="spark_sql",
    features=[Attribute("chargeback_rate_30d", Float64)],
    timestamp_field="timestamp",
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=30),
    owner=OWNER,
    description="Share of a merchant's transactions charged back (draft).",
)
def merchant_chargeback_rate(transactions):
    return f"""
        SELECT
            merchant,
            AVG(CAST(charged_back AS DOUBLE)) AS chargeback_rate_30d,
            MAX(timestamp) AS timestamp
        FROM {transactions}
        GROUP BY merchant
        """
