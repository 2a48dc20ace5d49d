from datetime import timedelta

from tecton import Attribute, Entity, FeatureTable
from tecton.types import Field, Int64, String

user = Entity(name="user", join_keys=[Field("user_id", String)])


def table(name, online=False, offline=True):
    return FeatureTable(name=name, entities=[user], features=[Attribute("x", Int64)],
        timestamp_field="ts", online=online, offline=offline, ttl=timedelta(days=1))
