from common import table

REG = []
CFG = {"online": False}


class Registered:
    def __init__(self, name, registry, settings=None):
        registry.append(name)
        self.name = name
        if settings is not None:
            settings["online"] = True


Registered("first", REG)
Registered("second", REG, settings=CFG)
table("registry_" + "_".join(REG), **CFG)


class Shared:
    items = []

    def __init__(self):
        self.own = {"online": False}

    def enable(self):
        self.own["online"] = True


Shared().items.append("x")
s1 = Shared()
s2 = Shared()
s1.enable()
table(f"shared_{len(Shared.items)}", **s1.own)
table("other_instance", **s2.own)
s2.own = {"online": True}
table("rebound_attr", **s2.own)


class Plain:
    pass


p = Plain()
p.label = "plain"
table("attr_on_plain_" + p.label)


class Holder:
    def __init__(self, parts):
        self.joined = "_".join(parts)
        parts.append("late")


PARTS = ["a", "b"]
h = Holder(PARTS)
table("holder_" + h.joined + "_" + str(len(PARTS)))
