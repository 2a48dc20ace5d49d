from tecton import FeatureService

from consumption import meter_kwh_30d

billing_service = FeatureService(name="billing_service", features=[meter_kwh_30d])
