import os

from tecton import Entity
from tecton.types import Field, String

# A condition that depends on the environment: constructed zero or more times (TP002).
while os.environ.get("MORE"):
    Entity(name="maybe", join_keys=[Field("id", String)])
    break

# `names.pop()` is followed: the loop ends after two iterations, as in Python.
names = ["a", "b"]
while names:
    name = names.pop()
    Entity(name=f"popped_{name}", join_keys=[Field("id", String)])

# An object bound in a late iteration of a loop that is taken back is not known afterwards: a
# sort by a `key=` function is not followed, so the list, and the loop's end, are unknown.
count = 0
pending = ["a", "b", "c", "d", "e", "f"]
while pending:
    pending.sort(key=str.lower)
    item = pending.pop()
    count += 1
    if count == 5:
        fifth = Entity(name="fifth", join_keys=[Field("id", String)])
from datetime import timedelta

from tecton import Attribute, FeatureTable
from tecton.types import Int64

FeatureTable(name="uses_fifth", entities=[fifth], features=[Attribute("x", Int64)],
    timestamp_field="ts", online=False, offline=True, ttl=timedelta(days=1))
