from datetime import timedelta

from tecton import Attribute, FeatureTable
from tecton.types import Float64

from entities import user

REGIONS = ["us", "eu"]

# Objects created in a loop: Tecton registers every constructed object,
# so this defines user_limits_us and user_limits_eu.
for region in REGIONS:
    FeatureTable(
        name=f"user_limits_{region}",
        entities=[user],
        features=[Attribute("credit_limit", Float64)],
        timestamp_field="timestamp",
        online=True,
        offline=True,
        ttl=timedelta(days=30),
    )


def make_score_table(name, runtime=None):
    return FeatureTable(
        name=name,
        entities=[user],
        features=[Attribute("score", Float64)],
        timestamp_field="timestamp",
        online=True,
        offline=False,
        tecton_materialization_runtime=runtime,
    )


# An object created in a function called at module level.
user_scores = make_score_table("user_scores", runtime="1.2.13")
