def backfill(start, end:
    return start
