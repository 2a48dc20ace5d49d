import tecton

from features.from_import import user_event_count
from features.relative import user_has_events, user_weekly_events
from features.t_alias import device_events, user_push_counts

user_service = tecton.FeatureService(
    name="user_service",
    features=[user_event_count, user_weekly_events, user_has_events, user_push_counts],
)

from tecton import FeatureService as FS  # noqa: E402

device_service = FS(name="device_service", features=[device_events])
