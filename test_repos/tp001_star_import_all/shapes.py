from tecton import Entity
from tecton.types import Field, String

__all__ = ["item"]

hidden = Entity(name="hidden", join_keys=[Field("hidden_id", String)])
item = Entity(name="item", join_keys=[Field("item_id", String)])
