from tecton import FeatureService
from features.episode_length import episode_length
from features.listener_category_plays import category_views
from features.listener_batch_episode_recommendations import listener_recommended_episodes
from features.episode_similar import similar_episodes
from features.listener_recently_played import listener_recently_played


nightly_recommendations_service = FeatureService(
    name="nightly_recommendations_service",
    online_serving_enabled=True,
    features=[listener_recommended_episodes],
)

similar_episodes_service = FeatureService(
    name="similar_episodes_service",
    online_serving_enabled=True,
    features=[similar_episodes],
)

recently_played_service = FeatureService(
    name="recently_played_service",
    online_serving_enabled=True,
    features=[listener_recently_played],
)
