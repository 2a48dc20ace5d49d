from features.old_views import merchant
