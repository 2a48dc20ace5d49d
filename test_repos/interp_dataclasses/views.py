from tecton import Entity
from tecton.types import Field, String

from teams import FRAUD, RISK, SHARED, SPEC, Team

fraud = Entity(name=f"{FRAUD.name}_{FRAUD.region}_{FRAUD.owner}", join_keys=[Field("a", String)])
risk = Entity(name=f"{RISK.name}_{RISK.region}_{Team.KIND}", join_keys=[Field("b", String)])
shared = Entity(
    name=f"{SHARED.name}_{SHARED.region}_{SHARED.owner}_{SHARED.KIND}",
    join_keys=[Field("c", String)],
)
# Methods and properties are not followed: the names are unknown, not guessed.
by_method = Entity(name=FRAUD.label(), join_keys=[Field("d", String)])
by_property = Entity(name=SPEC.full, join_keys=[Field("e", String)])
