from tecton import Entity
from tecton.types import Field, String

# 163,840 items, made by doubling: each read of the name below copies them all.
TABLES = ["orders", "refunds", "payments", "sessions", "clicks", "carts", "visits", "reviews"]
for _ in range(14):
    TABLES = TABLES + TABLES


def names():
    first = TABLES
    second = TABLES
    return len(first) + len(second)


counted = 0
for _ in range(5000):
    counted += names()

# Still found: a statement after the loop that ran out of budget.
device = Entity(name="device", join_keys=[Field("device_id", String)])
