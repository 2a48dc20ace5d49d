from datetime import datetime, timedelta

from tecton import Attribute, BatchSource, Entity, HiveConfig, batch_feature_view
from tecton.types import Field, Int64, String

import config
import tuning  # noqa: F401  (its writes come before the views below)
from config import Versions

user = Entity(name="user", join_keys=[Field("user_id", String)])
events = BatchSource(
    name="events",
    batch_config=HiveConfig(database="d", table="events", timestamp_field="ts"),
)


def view(name, **settings):
    @batch_feature_view(
        name=name,
        sources=[events],
        entities=[user],
        mode="spark_sql",
        offline=True,
        batch_schedule=timedelta(days=1),
        feature_start_time=datetime(2024, 1, 1),
        timestamp_field="ts",
        features=[Attribute("amount", Int64)],
        **settings,
    )
    def transformation(events):
        return f"SELECT user_id, amount, ts FROM {events}"

    return transformation


shared_class = view("shared_class", online=False, tecton_materialization_runtime=Versions.RUNTIME)
settled = view("settled", online=False, tecton_materialization_runtime=Versions.STABLE)
undecided_module_write = view(
    "undecided_module_write", online=False, tecton_materialization_runtime=config.RUNTIME
)
undecided_item_write = view("undecided_item_write", online=config.SETTINGS["online"])
undecided_class_write = view("undecided_class_write", online=Versions.ONLINE)


class Names:
    PREFIX = "spend"


# Augmented assignments read the attribute or item, then write it back.
Names.PREFIX += "_v2"
LABELS = {"view": "count"}
LABELS["view"] += "_v3"
renamed_by_attribute = view(Names.PREFIX, online=False)
renamed_by_item = view(LABELS["view"], online=False)
