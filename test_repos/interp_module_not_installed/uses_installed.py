# Installed in the virtual environment, or in the standard library: nothing to say.
import installed_pkg
import six
import os.path
from collections import OrderedDict

try:
    import ujson as fast_json
except ImportError:
    fast_json = None

# `tools/` has no `__init__.py`: a namespace package of the repository.
from tools.settings import TIMEOUT
