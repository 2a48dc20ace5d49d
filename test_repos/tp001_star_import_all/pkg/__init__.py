__all__ = ["parts"]
