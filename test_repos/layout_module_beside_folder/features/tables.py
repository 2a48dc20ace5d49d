from datetime import timedelta
from tecton import Attribute, Entity, FeatureTable
from tecton.types import Field, Int64, String

user = Entity(name="user", join_keys=[Field("user_id", String)])
