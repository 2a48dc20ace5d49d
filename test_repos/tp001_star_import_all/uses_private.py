from private import *

RUNTIME = _RUNTIME
