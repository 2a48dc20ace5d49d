from features.common import scores_table

# Built by the same factory with a name of its own and a runtime: nothing to report here.
fraud_scores = scores_table("fraud_scores", runtime="1.2.13", online=True)
