# Values that depend on the environment Tecton imports the repository in: Python runs one branch,
# which one is not known statically, so each value is unknown (TP002), not the last branch's.
import os

if os.environ.get("LEGACY_RUNTIME"):
    CHOSEN = "1.1.5"
else:
    CHOSEN = "1.2.13"


def by_flag(flag):
    if flag:
        return "1.1.5"
    return "1.2.13"


def assigned_in_branches(flag):
    if flag:
        runtime = "1.1.5"
    else:
        runtime = "1.2.13"
    return runtime


# Decidable: the condition is a constant of the repository, so the value is known.
USE_CURRENT = True
if USE_CURRENT:
    FIXED = "1.2.13"
else:
    FIXED = "1.1.5"
