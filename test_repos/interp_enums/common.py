from datetime import timedelta
from enum import Enum

from tecton import Attribute, Entity, FeatureTable
from tecton.types import Field, Int64, String

user = Entity(name="user", join_keys=[Field("user_id", String)])


class Runtime(Enum):
    CURRENT = "1.2.11"
    NEXT = "1.3.0"


class Team(str, Enum):
    RISK = "risk"


def table(name, runtime=None):
    return FeatureTable(
        name=name,
        entities=[user],
        features=[Attribute("x", Int64)],
        timestamp_field="ts",
        online=False,
        offline=True,
        ttl=timedelta(days=1),
        tecton_materialization_runtime=runtime,
    )
