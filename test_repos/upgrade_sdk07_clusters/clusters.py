from tecton import EMRClusterConfig

# Used by one stream view only: edited here.
stream_cluster = EMRClusterConfig(instance_type="m5.2xlarge", instance_availability='spot_with_fallback')
