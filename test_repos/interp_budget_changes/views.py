from common import table

# A few thousand moves of every item stay well within the budget.
QUEUE = []
for i in range(2000):
    QUEUE.append("x")
for i in range(2000):
    QUEUE.insert(0, "y")
for i in range(1000):
    QUEUE.pop(0)
table(f"queue_{len(QUEUE)}_{QUEUE[0]}_{QUEUE[-1]}")
