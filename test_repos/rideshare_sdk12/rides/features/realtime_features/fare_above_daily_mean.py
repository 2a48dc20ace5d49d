from tecton import Calculation, RealtimeFeatureView, RequestSource
from tecton.types import Field, Float64

from rides.features.stream_features.rider_fare_metrics import rider_fare_metrics

quote = RequestSource(name="quote", schema=[Field("fare", Float64)])

fare_above_daily_mean = RealtimeFeatureView(
    name="fare_above_daily_mean",
    sources=[quote, rider_fare_metrics],
    features=[
        Calculation(
            name="fare_above_daily_mean",
            expr="quote.fare > COALESCE(rider_fare_metrics.fare_mean_1d_10m, 0.0)",
        )
    ],
    description="The quoted fare is above the rider's mean of the past day.",
)
