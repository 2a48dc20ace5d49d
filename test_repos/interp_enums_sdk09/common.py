from datetime import timedelta
from enum import Enum

from tecton import Entity, FeatureTable
from tecton.types import Field, Int64, String, Timestamp

user = Entity(name="user", join_keys=["user_id"])


class Runtime(Enum):
    CURRENT = "0.9.25"


class Team(str, Enum):
    RISK = "risk"


class Names(Enum):
    PLAIN = "plain_name"


def table(name, runtime=None):
    return FeatureTable(
        name=name,
        entities=[user],
        schema=[Field("user_id", String), Field("ts", Timestamp), Field("x", Int64)],
        online=False,
        offline=True,
        ttl=timedelta(days=1),
        tecton_materialization_runtime=runtime,
    )
