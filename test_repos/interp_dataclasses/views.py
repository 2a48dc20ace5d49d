from tecton import Entity
from tecton.types import Field, String

from teams import FRAUD, RISK, SHARED, SPEC, Child, Settings, Team

fraud = Entity(name=f"{FRAUD.name}_{FRAUD.region}_{FRAUD.owner}", join_keys=[Field("a", String)])
risk = Entity(name=f"{RISK.name}_{RISK.region}_{Team.KIND}", join_keys=[Field("b", String)])
shared = Entity(
    name=f"{SHARED.name}_{SHARED.region}_{SHARED.owner}_{SHARED.KIND}",
    join_keys=[Field("c", String)],
)
# Methods, bound as Python binds them: to the instance, to the class, or not at all.
by_method = Entity(name=FRAUD.label(), join_keys=[Field("d", String)])
by_method_keyword = Entity(name=FRAUD.label(extra="y"), join_keys=[Field("e", String)])
by_method_of_class = Entity(name=Team.label(RISK, "z"), join_keys=[Field("f", String)])
by_property = Entity(name=SPEC.full, join_keys=[Field("g", String)])
by_classmethod = Entity(name=f"{FRAUD.kind()}_{Team.kind()}", join_keys=[Field("h", String)])
by_subclass = Entity(name=Child.named("i"), join_keys=[Field("i", String)])
by_staticmethod = Entity(name=Settings.plain("j"), join_keys=[Field("j", String)])
# `getattr` with a literal name reads what the attribute reads, bound the same way.
by_getattr = Entity(name=getattr(FRAUD, "label")("w"), join_keys=[Field("k", String)])
