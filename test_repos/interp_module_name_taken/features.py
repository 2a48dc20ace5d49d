import json

from tecton import Entity
from tecton.types import Field, String

# `json` here is the standard library's module, not json.py.
user = Entity(name="user", join_keys=[Field("user_id", String)], tags={"dumped": json.dumps({})})
