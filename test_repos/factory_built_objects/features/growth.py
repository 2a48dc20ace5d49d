from features.common import scores_table

# A table under the name risk.py gives its own (TP003), and one that pins no runtime
# where repo.yaml gives feature tables none (TP207): both are built in common.py, and both
# findings label the call here, so a pre-commit run on this file alone reports them.
growth_scores = scores_table("risk_scores", runtime="1.2.13")
growth_daily = scores_table("growth_daily")
