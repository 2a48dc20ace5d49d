from tecton import Entity
from tecton.types import Field, String

from common import NAMES

# Lists and a dict that grow one item at a time, 20,000 steps each (each loop stays under the
# 10,000 steps the interpreter unrolls): at module level, in a function, and a list that another
# module shares. Each step costs the same however long the list already is.
KEYS = []
for i in range(10000):
    KEYS.append(i)
for i in range(10000):
    KEYS.append(i)


def build():
    made = []
    for i in range(10000):
        made.append(i)
    for i in range(10000):
        made.extend([i])
    return made


BUILT = build()

BY_NAME = {}
for i in range(10000):
    BY_NAME["last"] = i
for i in range(10000):
    BY_NAME.update(last=i)

for i in range(300):
    NAMES.append("name")

Entity(name="after_the_loops", join_keys=[Field("id", String)])
