from tecton import FeatureTable, Attribute
from tecton.types import Int64

from features import user
from shared import merchant

FeatureTable(
    name="user_table",
    entities=[user, merchant],
    features=[Attribute("x", Int64)],
    timestamp_field="ts",
)
