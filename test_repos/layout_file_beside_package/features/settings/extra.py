from datetime import timedelta
from tecton import Attribute, Entity, FeatureTable
from tecton.types import Field, Int64, String

account = Entity(name="account", join_keys=[Field("account_id", String)])
