import os

from tecton import Entity
from tecton.types import Field, String

A = "a"
B = "b"
C = "c"
D = "d"


def rename():
    global C
    C = "c_renamed"


# Python may run each of these bodies any number of times, none included: no check can tell.
FOLDER = "/nonexistent-folder-of-the-fixture"
for item in os.listdir(FOLDER) if os.path.isdir(FOLDER) else []:
    A = "a_renamed"

while os.environ.get("TECTON_PREFLIGHT_FIXTURE_NEVER_SET"):
    B = "b_renamed"
    break

# The call binds no name here, but the function rebinds a global.
if os.environ.get("TECTON_PREFLIGHT_FIXTURE_NEVER_SET"):
    rename()

# Decided: the body runs, and what it binds is known.
for suffix in ["_1"]:
    D = D + suffix

ea = Entity(name=A, join_keys=[Field("a", String)])
eb = Entity(name=B, join_keys=[Field("b", String)])
ec = Entity(name=C, join_keys=[Field("c", String)])
ed = Entity(name=D, join_keys=[Field("d", String)])
