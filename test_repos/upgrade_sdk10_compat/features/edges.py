# The 0.9 API reached in other ways: aliases, the module's path, an unbounded start offset.
from datetime import datetime, timedelta

import tecton
from tecton.types import Bool, Field, Int64, String, Timestamp
from tecton.v09_compat import Aggregation as Agg
from tecton.v09_compat import FilteredSource, RequestSource
from tecton.v09_compat import on_demand_feature_view as odfv

from data_sources import transactions_batch
from entities import user


@tecton.v09_compat.batch_feature_view(
    sources=[FilteredSource(transactions_batch, start_time_offset=timedelta(days=-36500))],
    entities=[user],
    mode="spark_sql",
    aggregation_interval=timedelta(days=1),
    schema=[Field("user_id", String), Field("ts", Timestamp), Field("n", Int64)],
    aggregations=[Agg(column="n", function="sum", time_window=timedelta(days=365))],
    timestamp_field="ts",
    online=False,
    offline=True,
    feature_start_time=datetime(2024, 1, 1),
)
def user_yearly_count(transactions):
    return f"SELECT user_id, timestamp AS ts, 1 AS n FROM {transactions}"


big = RequestSource(schema=[Field("n", Int64)])


@odfv(sources=[big], mode="python", schema=[Field(name="n_is_big", dtype=Bool)])
def n_is_big(big):
    return {"n_is_big": big["n"] > 10}
