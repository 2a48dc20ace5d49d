from tecton import Attribute, RequestSource, realtime_feature_view
from tecton.types import Array, Field, Float64, Map, String, Struct

stop_struct = Struct([Field("label", String), Field("wait_minutes", Float64)])

trip_request = RequestSource(
    [
        Field("tags_by_stop", Map(String, String)),
        Field("route_segments", Array(Array(String))),
        Field("first_stop", stop_struct),
    ]
)

nested_outputs = [
    Attribute("tags_out", Map(String, String)),
    Attribute("segments_out", Array(Array(String))),
    Attribute("first_stop_out", stop_struct),
]


@realtime_feature_view(mode="python", sources=[trip_request], features=nested_outputs)
def nested_types_echo(request):
    tags = dict(request["tags_by_stop"])
    tags["seen"] = "yes"
    segments = list(request["route_segments"]) + [["end"]]
    stop = dict(request["first_stop"])
    stop["label"] = stop["label"].upper() if stop.get("label") else None
    return {"tags_out": tags, "segments_out": segments, "first_stop_out": stop}
