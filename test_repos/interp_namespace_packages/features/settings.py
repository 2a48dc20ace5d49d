"""Runtimes the team pins, in one place."""

CURRENT = "1.2.13"
RETIRED = "0.9.25"
