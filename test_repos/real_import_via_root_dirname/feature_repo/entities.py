from tecton import BatchSource, Entity, FileConfig

user = Entity(name="user_id", join_keys=["user_id"], description="A user on the platform")

user_likes_batch = BatchSource(
    name="user_likes_batch",
    batch_config=FileConfig(
        uri="s3://travel-data-public-demo/user_likes.parquet",
        file_format="parquet",
        timestamp_field="last_updated_timestamp",
    ),
)
