from tecton import FeatureService
from features.episode_category_info import episode_category_info
from features.episode_length import episode_length
from features.listener_category_plays import category_views
from features.listener_batch_episode_recommendations import listener_recommended_episodes
from features.episode_similar import similar_episodes

episode_ranking_service = FeatureService(
    name="episode_ranking_service",
    online_serving_enabled=True,
    features=[
        episode_category_info,
        episode_length,
    ]
    + category_views,
)
