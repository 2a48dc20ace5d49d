from tecton import Entity

listener = Entity(
    name="listener",
    join_keys=["LISTENER_ID"],
    description="Someone who listens to podcasts in the app",
    owner="podcast-ml@listen.example",
    tags={"stage": "live"},
)

episode = Entity(
    name="episode",
    join_keys=["EPISODE_ID"],
    description="One podcast episode",
    owner="podcast-ml@listen.example",
    tags={"stage": "live"},
)
