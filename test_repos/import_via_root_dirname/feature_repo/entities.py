from tecton import BatchSource, Entity, FileConfig

member = Entity(name="member_id", join_keys=["member_id"], description="A library member")

loans_batch = BatchSource(
    name="loans_batch",
    batch_config=FileConfig(
        uri="s3://library-example/loans.parquet",
        file_format="parquet",
        timestamp_field="updated_at",
    ),
)
