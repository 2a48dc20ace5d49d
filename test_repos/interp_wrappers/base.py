import functools
from datetime import timedelta
from tecton import Entity, BatchSource, FileConfig, Attribute
from tecton.types import Field, String, Int64
user = Entity(name="user", join_keys=[Field("user_id", String)])
src = BatchSource(name="wsrc", batch_config=FileConfig(uri="s3://x/", file_format="parquet", timestamp_field="ts"))
ARGS = dict(sources=[src], entities=[user], mode="pandas", features=[Attribute("x", Int64)], timestamp_field="ts", batch_schedule=timedelta(days=1))
def plain(fn):
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)
    return inner
def plain1(fn):
    def inner1(src):
        return fn(src)
    return inner1
def wrapped(fn):
    @functools.wraps(fn)
    def inner2(*args, **kwargs):
        return fn(*args, **kwargs)
    return inner2
