from tecton import Entity, FileConfig, KinesisConfig, StreamSource
from tecton.types import Field, String


def passthrough(df):
    return df


courier = Entity(name="courier", join_keys=[Field("courier_id", String)])

deliveries_files = FileConfig(uri="s3://parcels-example/deliveries/", file_format="parquet", timestamp_field="delivered_at")

deliveries_stream = StreamSource(
    name="deliveries_stream",
    batch_config=deliveries_files,
    stream_config=KinesisConfig(
        stream_name="parcel-deliveries",
        region="eu-west-1",
        post_processor=passthrough,
        initial_stream_position="latest",
        timestamp_field="delivered_at",
    ),
)
