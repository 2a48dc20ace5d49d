from datetime import datetime, timedelta

from tecton import batch_feature_view
from tecton.types import Array, Field, String, Timestamp

# Imports through the root directory's own name, as tecton-ai/recsys-llm-travel-demo does.
from feature_repo.entities import user, user_likes_batch


@batch_feature_view(
    sources=[user_likes_batch],
    entities=[user],
    mode="pandas",
    online=True,
    offline=True,
    feature_start_time=datetime(2023, 1, 1),
    batch_schedule=timedelta(days=1),
    timestamp_field="last_updated_timestamp",
    schema=[
        Field("user_id", String),
        Field("last_updated_timestamp", Timestamp),
        Field("favorite_activity", Array(String)),
    ],
)
def user_likes_fv(user_likes_batch):
    return user_likes_batch[["user_id", "favorite_activity", "last_updated_timestamp"]]
