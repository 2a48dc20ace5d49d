from tecton import Entity
from tecton.types import Field, String

i = 0
while i < 3:
    Entity(name=f"counted_{i}", join_keys=[Field("id", String)])
    i += 1
else:
    Entity(name="counted_else", join_keys=[Field("id", String)])

n = 0
while True:
    n += 1
    if n == 2:
        continue
    Entity(name=f"until_break_{n}", join_keys=[Field("id", String)])
    if n >= 3:
        break
else:
    Entity(name="never", join_keys=[Field("id", String)])


# The comparisons a loop condition needs decide an `if` too.
REGIONS = ["us", "eu"]
if "us" in REGIONS and "ap" not in REGIONS and 1.5 > 1 and "b" >= "a" and REGIONS is not None:
    Entity(name="comparisons_known", join_keys=[Field("id", String)])
