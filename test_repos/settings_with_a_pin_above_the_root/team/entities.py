from tecton import Entity
from tecton.types import Field, String

customer = Entity(name="customer", join_keys=[Field("customer_id", String)])
