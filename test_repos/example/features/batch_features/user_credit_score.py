from datetime import timedelta

from tecton import Attribute, batch_feature_view
from tecton.types import Float64

from constants import FEATURE_START, OWNER
from data_sources import credit_scores_batch
from entities import user


@batch_feature_view(
    sources=[credit_scores_batch],
    entities=[user],
    mode="pyspark",
    features=[Attribute("credit_score", Float64)],
    timestamp_field="timestamp",
    batch_schedule=timedelta(days=1),
    ttl=timedelta(days=60),
    online=False,
    offline=True,
    feature_start_time=FEATURE_START,
    # Pinned explicitly: the offline training pipeline must not move with repo.yaml.
    tecton_materialization_runtime="1.2.13",
    owner=OWNER,
    description="The user's most recent credit score.",
)
def user_credit_score(credit_scores):
    from pyspark.sql import functions as F

    return credit_scores.select("user_id", F.col("credit_score").cast("double"), "timestamp")
