import statistics
from features.entities import user

MEAN = statistics.mean([1, 2])
