import settings

LEGACY = getattr(settings, "LEGACY")
