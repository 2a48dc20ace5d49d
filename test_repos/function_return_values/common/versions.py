# Helpers that return the runtime: Tecton runs them when it imports the views, and so does the
# analysis (the repository's functions are followed with their arguments bound).
RUNTIMES = {"batch": "1.1.5", "stream": "1.2.13"}


def runtime_for(kind):
    return RUNTIMES[kind]


def legacy_runtime():
    return "1." + "1.5"


def pinned(version="1.2.13"):
    return version


def runtime_or(kind, override=None):
    if override is not None:
        return override
    return RUNTIMES[kind]
