import os

from tecton import Entity
from tecton.types import Field, String

# A condition that depends on the environment: constructed zero or more times (TP002).
while os.environ.get("MORE"):
    Entity(name="maybe", join_keys=[Field("id", String)])
    break

# `names.pop()` is not followed, so this loop would never end: its objects are unknown (TP002).
names = ["a", "b"]
while names:
    name = names.pop()
    Entity(name=f"popped_{name}", join_keys=[Field("id", String)])

# An object bound in a late iteration of a loop that is taken back is not known afterwards.
count = 0
pending = ["a", "b", "c", "d", "e", "f"]
while pending:
    item = pending.pop()
    count += 1
    if count == 5:
        fifth = Entity(name="fifth", join_keys=[Field("id", String)])
from tecton import FeatureService

FeatureService(name="uses_fifth", features=[fifth])
