from tecton import BatchSource, FileConfig

transactions = BatchSource(
    name="transactions",
    batch_config=FileConfig(uri="s3://example/transactions/", file_format="parquet", timestamp_field="timestamp"),
)
