from datetime import datetime, timedelta

from tecton import Aggregate, batch_feature_view
from tecton.types import Field, Int64

from entities import stock_moves, warehouse


@batch_feature_view(
    sources=[stock_moves],
    entities=[warehouse],
    mode="spark_sql",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 6, 1),
    aggregation_interval=timedelta(days=1),
    timestamp_field="moved_at",
    features=[Aggregate(input_column=Field("units", Int64), function="sum", time_window=timedelta(days=7))],
)
def warehouse_units_moved(stock_moves):
    return f"SELECT warehouse_id, units, moved_at FROM {stock_moves}"
