__all__ = ["_RUNTIME"]

_RUNTIME = "1.2.13"
