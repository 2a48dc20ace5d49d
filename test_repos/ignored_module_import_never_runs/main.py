from helpers import tables

risk_scores = tables.score_table("risk_scores")


def offline_backfill(start, end):
    from helpers import draft

    return draft.backfill(start, end)
