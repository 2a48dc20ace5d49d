from datetime import timedelta
import json
from tecton import Attribute, batch_feature_view
from tecton.types import Float64

from data_sources import transactions
from entities import user

# What a function of another package returns is known only when Tecton imports the file.
RUNTIME = json.loads('"1.2.13"')


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    features=[Attribute("amount", Float64)],
    online=True,
    tecton_materialization_runtime=RUNTIME,
)
def spend_decoded(transactions):
    return f"SELECT user_id, ts, amount FROM {transactions}"
