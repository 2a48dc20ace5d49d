import functools
from datetime import timedelta
from functools import partial

from tecton import Attribute, Entity, FeatureTable
from tecton.types import Field, Int64, String

TEAM = "risk"
VERSIONS = ["1.2.4", "1.2.13", "1.2.9"]

user = Entity(name="user", join_keys=[Field("user_id", String)])


def table(name, online=False, runtime=None):
    return FeatureTable(
        name=name,
        entities=[user],
        features=[Attribute("x", Int64)],
        timestamp_field="ts",
        online=online,
        offline=True,
        ttl=timedelta(days=1),
        tecton_materialization_runtime=runtime,
    )


# A partial of a factory binds its arguments; the call's keywords win.
online_table = functools.partial(table, online=True)
online_table("%s_scores" % TEAM)
online_table("%s_%02d" % (TEAM, 7), online=False, runtime="1.2.%d" % 5)
partial(table, "pinned_%d" % (17 % 5), runtime=sorted(VERSIONS, reverse=True)[0])()

# Builtins of known values.
table("flags_%s" % str(bool(0)).lower(), online=bool(len(TEAM)))
table("count_%d" % (int("1_000") // 3))

# A module's `__name__` is its dotted path as Tecton imports it.
table(__name__ + "_by_module")
table(f"padded_{len(TEAM):03d}_{TEAM!r:>8}".replace("'", ""))
