import tecton as t

from common.tecton_imports import Entity, Field, String
from config.versions import PREFIX

# Entity imported through a re-export module.
user = Entity(name="user", join_keys=[Field("user_id", String)])

# Entity through a module alias; name built by concatenation of a constant.
device = t.Entity(name=PREFIX + "_device", join_keys=[t.types.Field("device_id", t.types.String)])
