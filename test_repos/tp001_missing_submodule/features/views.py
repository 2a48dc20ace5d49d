from tecton import Entity
from tecton.types import Field, String

merchant = Entity(name="merchant", join_keys=[Field("merchant_id", String)])
