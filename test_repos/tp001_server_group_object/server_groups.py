from tecton import AutoscalingConfig, TransformServerGroup

# The group that runs the dispatch model's realtime transformations.
dispatch_group = TransformServerGroup(
    name="dispatch-transforms",
    scaling_config=AutoscalingConfig(min_nodes=1, max_nodes=4),
    owner="mobility@example.com",
)
