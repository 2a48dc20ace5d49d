from datetime import datetime, timedelta

from tecton import Aggregation, batch_feature_view

from entities import meter, readings


@batch_feature_view(
    sources=[readings],
    entities=[meter],
    mode="spark_sql",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 6, 1),
    aggregation_interval=timedelta(days=1),
    aggregations=[Aggregation(column="kwh", function="sum", time_window=timedelta(days=30))],
)
def meter_kwh_30d(readings):
    return f"SELECT meter_id, kwh, read_at FROM {readings}"
