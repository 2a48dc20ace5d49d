from tecton import BatchSource, spark_batch_config


@spark_batch_config()
def read_place_visits(spark):
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType, TimestampType

    schema = StructType(
        [
            StructField("visit", IntegerType(), True),
            StructField("place", IntegerType(), True),
            StructField("at", IntegerType(), True),
            StructField("kind", StringType(), True),
        ]
    )
    visits = spark.read.schema(schema).parquet("s3://rideshare-example/place-visits/")
    return visits.withColumn("at", visits["at"].cast(TimestampType()))


place_visits_batch = BatchSource(
    name="place_visits_batch",
    batch_config=read_place_visits,
    owner="discovery-team@rideshare.example",
    tags={"team": "discovery"},
)
