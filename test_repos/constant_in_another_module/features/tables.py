from tecton import Attribute, FeatureTable
from tecton.types import Int64

from common.versions import CURRENT_RUNTIME, RUNTIME
from entities import user

# One argument that takes two values: each value is judged (and placed) on its own.
for suffix, runtime in [("old", RUNTIME), ("current", CURRENT_RUNTIME)]:
    FeatureTable(
        name=f"user_table_{suffix}",
        entities=[user],
        features=[Attribute("x", Int64)],
        timestamp_field="ts",
        online=True,
        tecton_materialization_runtime=runtime,
    )
