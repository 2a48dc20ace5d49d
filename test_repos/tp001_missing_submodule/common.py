from tecton import Entity
from tecton.types import Field, String

account = Entity(name="account", join_keys=[Field("account_id", String)])
