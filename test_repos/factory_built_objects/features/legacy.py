from features.common import legacy_table

# Takes the factory's default runtime (TP202, at the default in common.py): the finding is
# anchored at this call too, so a pre-commit run on this file alone reports it.
legacy_scores = legacy_table("legacy_scores")
