from tecton import Entity
from tecton.types import Field, String

draft = Entity(name="draft", join_keys=[Field("draft_id", String)])
