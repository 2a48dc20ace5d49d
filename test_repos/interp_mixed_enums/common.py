from datetime import timedelta
from enum import Enum, IntEnum, StrEnum

from tecton import Attribute, Entity, FeatureTable
from tecton.types import Field, Int64, String

user = Entity(name="user", join_keys=[Field("user_id", String)])


class Team(str, Enum):
    FRAUD = "fraud"
    RISK = "risk"


class Runtime(str, Enum):
    CURRENT = "1.2.13"
    OLD = "0.9.0"


class Region(StrEnum):
    EU = "eu"


class Labelled(str, Enum):
    AUDIT = "audit"

    def __str__(self):
        return "labelled_" + self.value


class Tier(IntEnum):
    GOLD = 1


class Size(int, Enum):
    BIG = 7


NAMES = {"fraud": "by_key"}


def table(name, runtime=None):
    # `name=` on the constructor's line: a TP002 about the name points there.
    return FeatureTable(name=name,
        entities=[user],
        features=[Attribute("x", Int64)],
        timestamp_field="ts",
        online=False,
        offline=True,
        ttl=timedelta(days=1),
        tecton_materialization_runtime=runtime,
    )
