from datetime import timedelta

from tecton import Attribute, Entity, FeatureTable
from tecton.types import Field, Int64, String

account = Entity(name="account", join_keys=[Field("account_id", String)])


def score_table(name):
    return FeatureTable(
        name=name,
        entities=[account],
        features=[Attribute("score", Int64)],
        timestamp_field="ts",
        online=True,
        offline=True,
        ttl=timedelta(days=7),
    )
