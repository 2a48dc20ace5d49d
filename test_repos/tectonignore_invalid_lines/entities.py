from tecton import Entity
from tecton.types import Field, String

account = Entity(name="account", join_keys=[Field("account_id", String)], owner="ads@example.com")

campaign = Entity(name="campaign", join_keys=[Field("campaign_id", String)])
