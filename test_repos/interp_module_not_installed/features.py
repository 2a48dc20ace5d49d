import json
from datetime import timedelta

from tecton import Entity
from tecton.types import Field, String

import helpers

user = Entity(name="user", join_keys=[Field("user_id", String)], tags=helpers.TAGS)
