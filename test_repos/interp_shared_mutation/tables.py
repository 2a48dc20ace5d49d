from tecton import FeatureTable
from config.settings import LATE_FLAGS, TABLE_ARGS
import config.overrides
from config.settings import FLAGS, RUNTIME

# FLAGS and RUNTIME are read after config.overrides ran: both changes show.
FeatureTable(name="shared_flags", tecton_materialization_runtime=RUNTIME, **FLAGS, **TABLE_ARGS)
# LATE_FLAGS was imported before the change, but it is the same dict: the change shows too.
FeatureTable(name="late_flags", **LATE_FLAGS, **TABLE_ARGS)
