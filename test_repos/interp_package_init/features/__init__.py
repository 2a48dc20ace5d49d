# Constructed in a package's __init__.py: Tecton imports this file as `features` and again as
# `features.__init__`, so the entity is registered twice (TP003).
from tecton import Entity
from tecton.types import Field, String

user = Entity(name="user", join_keys=[Field("user_id", String)])
