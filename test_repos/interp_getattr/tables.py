from datetime import timedelta

from tecton import Attribute, Entity, FeatureTable
from tecton.types import Field, Int64, String

import settings

user = Entity(name="user", join_keys=[Field("user_id", String)])


def table(name, runtime):
    return FeatureTable(
        name=name,
        entities=[user],
        features=[Attribute("score", Int64)],
        timestamp_field="ts",
        online=True,
        offline=True,
        ttl=timedelta(days=7),
        tecton_materialization_runtime=runtime,
    )


current = table("current", getattr(settings, "CURRENT"))
retired = table("retired", getattr(settings, "RETIRED"))
streaming = table("streaming", getattr(settings.Pins, "STREAMING"))
