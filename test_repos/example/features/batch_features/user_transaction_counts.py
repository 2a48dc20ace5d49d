from datetime import timedelta

from tecton import Aggregate, batch_feature_view
from tecton.types import Field, Int64

from constants import FEATURE_START, OWNER, TEAM_TAGS
from data_sources import transactions_batch
from entities import user


@batch_feature_view(
    sources=[transactions_batch],
    entities=[user],
    mode="spark_sql",
    aggregation_interval=timedelta(days=1),
    features=[
        Aggregate(input_column=Field("transaction", Int64), function="count", time_window=timedelta(days=1)),
        Aggregate(input_column=Field("transaction", Int64), function="count", time_window=timedelta(days=30)),
        Aggregate(input_column=Field("transaction", Int64), function="count", time_window=timedelta(days=90)),
    ],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    feature_start_time=FEATURE_START,
    owner=OWNER,
    tags=TEAM_TAGS,
    description="Number of transactions a user has made over several windows.",
)
def user_transaction_counts(transactions):
    return f"""
        SELECT
            user_id,
            1 AS transaction,
            timestamp
        FROM
            {transactions}
        """
