from helpers import tables

try:
    from helpers import draft
except Exception:
    draft = None

risk_scores = tables.score_table("risk_scores")


def offline_backfill(start, end):
    from helpers import draft

    return draft.backfill(start, end)
