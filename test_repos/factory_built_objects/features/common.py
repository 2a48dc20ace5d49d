from datetime import timedelta

from tecton import Attribute, Entity, FeatureTable
from tecton.types import Field, Int64, String

account = Entity(name="account", join_keys=[Field("account_id", String)])


def scores_table(name, runtime=None, online=False):
    """Every team's score table is built here; the callers name it and may pin its runtime."""
    return FeatureTable(
        name=name,
        entities=[account],
        features=[Attribute("score", Int64)],
        timestamp_field="ts",
        online=online,
        offline=True,
        ttl=timedelta(days=30),
        tecton_materialization_runtime=runtime,
    )


def legacy_table(name, runtime="1.1.20"):
    """Kept for the old teams: its default runtime is out of SDK 1.2's window."""
    return FeatureTable(
        name=name,
        entities=[account],
        features=[Attribute("score", Int64)],
        timestamp_field="ts",
        online=False,
        offline=True,
        ttl=timedelta(days=30),
        tecton_materialization_runtime=runtime,
    )
