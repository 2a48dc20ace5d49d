# Changes other modules' settings in place, as some repositories do for an environment.
import config.settings as settings
from config.settings import FLAGS

settings.RUNTIME = "1.2.7"
FLAGS["offline"] = True
settings.LATE_FLAGS.update(offline=True)
