"""Versions pinned for the whole repository (imported by feature modules)."""

RUNTIME = "1.2.13"
STREAM_RUNTIME = "1.2.12"
PREFIX = "ist"
