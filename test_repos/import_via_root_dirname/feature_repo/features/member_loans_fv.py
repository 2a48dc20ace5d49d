from datetime import datetime, timedelta

from tecton import batch_feature_view
from tecton.types import Array, Field, String, Timestamp

# Imports through the root directory's own name: it only resolves when `.tecton` is one level up.
from feature_repo.entities import loans_batch, member


@batch_feature_view(
    sources=[loans_batch],
    entities=[member],
    mode="pandas",
    online=True,
    offline=True,
    feature_start_time=datetime(2024, 6, 1),
    batch_schedule=timedelta(days=1),
    timestamp_field="updated_at",
    schema=[
        Field("member_id", String),
        Field("updated_at", Timestamp),
        Field("books_on_loan", Array(String)),
    ],
)
def member_loans_fv(loans_batch):
    return loans_batch[["member_id", "books_on_loan", "updated_at"]]
