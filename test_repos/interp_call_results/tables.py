from common import table

CONFIGS = {
    "a": {"online": False},
    "b": {"online": False},
    "c": {"online": False},
    "d": {"online": False},
    "e": {"inner": {"online": False}},
    "f": {"online": True},
    "g": {"online": False},
    "h": {"count": 1},
    "i": {"online": False},
}
NAMES = ["first"]
CALLS = []


def settings_of(team):
    return CONFIGS[team]


def tracked(team):
    CALLS.append(team)
    return CONFIGS[team]


def fresh():
    CALLS.append("fresh")
    return {"online": False}


def names():
    return NAMES


# A write straight through what a function returned changes the dict it returned.
settings_of("a")["online"] = True
table("write_through_result", **CONFIGS["a"])

settings_of("b").update(online=True)
table("update_through_result", **CONFIGS["b"])

settings_of("c").setdefault("offline", False)
table("setdefault_through_result", **CONFIGS["c"])

settings_of("e")["inner"]["online"] = True
table("nested_write_through_result", **CONFIGS["e"]["inner"])

del settings_of("f")["online"]
table("del_through_result", **CONFIGS["f"])

names().append("appended")
table(NAMES[-1])

# A copy of the result is another dict: CONFIGS keeps its value.
cfg = dict(settings_of("d"))
cfg["online"] = True
table("copy_of_result", **CONFIGS["d"])

dict(settings_of("d"))["online"] = True
table("write_into_copy", **CONFIGS["d"])

# The call runs once, as in Python, whatever it returns.
tracked("g")["online"] = True
table(f"tracked_{len(CALLS)}", **CONFIGS["g"])

fresh()["online"] = True
fresh().update(online=True)
table(f"fresh_{len(CALLS)}")

tracked("h")["count"] += 1
table(f"augmented_{CONFIGS['h']['count']}_calls_{len(CALLS)}")


def turn_on(team):
    settings_of(team)["online"] = True


turn_on("i")
table("write_through_in_function", **CONFIGS["i"])
