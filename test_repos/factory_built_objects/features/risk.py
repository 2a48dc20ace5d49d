from features.common import scores_table

risk_scores = scores_table("risk_scores", runtime="1.2.13")
