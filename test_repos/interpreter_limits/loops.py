from tecton import Entity
from tecton.types import Field, String

total = 0
for a in range(1000):
    for b in range(1000):
        for c in range(1000):
            total += 1

# Still found: a statement after the loops that ran out of budget.
merchant = Entity(name="merchant", join_keys=[Field("merchant_id", String)])
