# Named like the standard library's `json`, which Python has imported before Tecton imports the
# repository: Tecton refuses this file, and nothing here is registered.
from tecton import Entity
from tecton.types import Field, String

shadowed = Entity(name="shadowed", join_keys=[Field("id", String)])
