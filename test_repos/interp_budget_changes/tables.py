from common import table

# Each new key is looked for among the others: 27,000 of them take 4,000,000 steps' time,
# 180,000 took minutes.
KEYS = {}
for i in range(9000):
    KEYS[str(i) + "_0"] = i
for i in range(9000):
    KEYS[str(i) + "_1"] = i
for i in range(9000):
    KEYS[str(i) + "_2"] = i
table(f"keys_{len(KEYS)}")
