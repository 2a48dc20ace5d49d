from datetime import datetime

from config.versions import RUNTIME

OWNER = "platform@example.com"
START = datetime(2025, 3, 1)

# Shared keyword arguments, spread with ** into feature view calls.
MATERIALIZATION = dict(online=True, offline=True, tecton_materialization_runtime=RUNTIME)
ONLINE_ONLY = {"online": True, "offline": False, "tecton_materialization_runtime": RUNTIME}
