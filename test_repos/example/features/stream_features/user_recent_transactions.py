from datetime import timedelta

from tecton import Aggregate, stream_feature_view
from tecton.aggregation_functions import last_distinct
from tecton.types import Field, String

from constants import FEATURE_START, OWNER
from data_sources import transactions_stream
from entities import user


# This view was pinned during the 1.1 upgrade and never moved forward: with SDK 1.2
# the allowed runtimes are 1.2.x and 1.3.x, so "1.1.5" is out of the +1 window.
@stream_feature_view(
    source=transactions_stream,
    entities=[user],
    mode="spark_sql",
    aggregation_interval=timedelta(minutes=5),
    features=[
        Aggregate(
            input_column=Field("amt", String),
            function=last_distinct(10),
            time_window=timedelta(hours=1),
            name="last_10_amounts_1h",
        ),
    ],
    timestamp_field="timestamp",
    online=True,
    offline=False,
    feature_start_time=FEATURE_START,
    tecton_materialization_runtime="1.1.5",
    owner=OWNER,
    description="The user's ten most recent distinct transaction amounts.",
)
def user_recent_transactions(transactions):
    return f"""
        SELECT user_id, CAST(amt AS STRING) AS amt, timestamp
        FROM {transactions}
        """
