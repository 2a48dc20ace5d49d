from datetime import timedelta

from tecton import Aggregate, stream_feature_view
from tecton.types import Field, Float64

from constants import FEATURE_START, OWNER, TEAM_TAGS
from data_sources import transactions_stream
from entities import user

amount = Field("amt", Float64)


@stream_feature_view(
    source=transactions_stream,
    entities=[user],
    mode="spark_sql",
    aggregation_interval=timedelta(minutes=10),
    features=[
        Aggregate(input_column=amount, function="sum", time_window=timedelta(hours=1)),
        Aggregate(input_column=amount, function="sum", time_window=timedelta(days=1)),
        Aggregate(input_column=amount, function="mean", time_window=timedelta(hours=1)),
        Aggregate(input_column=amount, function="mean", time_window=timedelta(days=1)),
    ],
    timestamp_field="timestamp",
    online=True,
    offline=True,
    feature_start_time=FEATURE_START,
    owner=OWNER,
    tags=TEAM_TAGS,
    description="Transaction amount statistics over a series of time windows.",
)
def user_transaction_amount_metrics(transactions):
    return f"""
        SELECT user_id, amt, timestamp
        FROM {transactions}
        """
