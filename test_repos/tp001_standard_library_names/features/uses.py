import statistics
from email.utils import parseaddr

from features.entities import user

MEAN = statistics.mean([1, 2])
OWNER = parseaddr("Risk <risk@example.com>")
