from tecton import batch_feature_view, Aggregation
from entities import listener
from data_sources.episodes import episodes
from data_sources.plays import plays
from datetime import datetime, timedelta

categories = [
    "Arts",
    "Business",
    "Comedy",
    "Education",
    "Fiction",
    "Government",
    "Health-Fitness",
    "History",
    "Kids-Family",
    "Leisure",
    "Music",
    "News",
    "Religion",
    "Science",
    "Society-Culture",
    "Sports",
    "Technology",
    "True-Crime",
]


def category_completion_view(category):
    # One view per category, all built by this factory.
    @batch_feature_view(
        sources=[plays, episodes],
        entities=[listener],
        mode="snowflake_sql",
        online=True,
        aggregation_interval=timedelta(days=1),
        aggregations=[
            Aggregation(column="COMPLETION", function="mean", time_window=timedelta(days=365)),
        ],
        feature_start_time=datetime(2015, 1, 1),
        owner="podcast-ml@listen.example",
        description=f"How much of each {category} episode a listener plays, on average",
        name=f"listener_{category.replace('-', '_')}_play_history",
    )
    def view(plays, episodes):
        return f"""
            SELECT {plays}.LISTENER_ID AS LISTENER_ID,
                   COMPLETION,
                   PLAYED_AT AS TIMESTAMP
            FROM {plays} JOIN {episodes} ON {plays}.EPISODE_ID = {episodes}.EPISODE_ID
            WHERE {episodes}.CATEGORY = '{category}'
        """

    return view


category_views = [category_completion_view(category) for category in categories]
