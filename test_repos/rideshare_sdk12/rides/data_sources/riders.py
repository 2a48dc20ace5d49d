from tecton import BatchSource, FileConfig

riders_batch = BatchSource(
    name="rider_profiles",
    batch_config=FileConfig(
        uri="s3://rideshare-example/riders/",
        file_format="parquet",
        timestamp_field="registered_at",
    ),
    owner="trust-team@rideshare.example",
    tags={"team": "trust"},
)
