"""Shared constants for the fraud-detection feature repository."""
from datetime import datetime

OWNER = "fraud-ml@example.com"
TEAM_TAGS = {"team": "fraud", "release": "production"}
FEATURE_START = datetime(2024, 1, 1)
S3_BUCKET = "s3://example-fraud-data"
