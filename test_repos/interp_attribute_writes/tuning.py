import os

import config

# The class is one object: every module that holds `Versions` sees the new value.
config.Versions.RUNTIME = "0.9.0"


def settle():
    config.Versions.STABLE = "1.2.13"


settle()

# The variable is not set where Tecton imports the repository, so none of these writes happens;
# no check can know that, so what they write is unknown rather than their value.
if os.environ.get("TECTON_PREFLIGHT_FIXTURE_NEVER_SET"):
    config.RUNTIME = "0.9.0"
    config.SETTINGS["online"] = True
    config.Versions.ONLINE = True
