from common import table

# A second name for a dict or list is the same object: a change through either shows in both.
BASE = {"online": False}
cfg = BASE
cfg["online"] = True
table("second_name", **BASE)

x = y = {"online": False}
x["online"] = True
table("chained", **y)

NAMES = []
alias = NAMES
alias.append("list_alias")
table(NAMES[0] if NAMES else "list_empty")

PARTS = ["first"]
MORE = PARTS
MORE += ["in_place_add"]
table(PARTS[-1])

CONFIGS = {"fraud": {"online": False}}
fraud = CONFIGS["fraud"]
fraud["online"] = True
table("item_alias", **CONFIGS["fraud"])


class Holder:
    FLAGS = {"online": False}


flags = Holder.FLAGS
flags.update(online=True)
table("class_attribute_alias", **Holder.FLAGS)


# A function changes what its caller passed: the caller's dict, whether a global or a local.
def enable(settings):
    settings["online"] = True


PASSED = {"online": False}
enable(PASSED)
table("through_parameter", **PASSED)


def build(name):
    local = {"online": False}
    enable(local)
    return table(name, **local)


build("caller_local")


def local_alias():
    shared = BASE_TWO
    shared["online"] = True


BASE_TWO = {"online": False}
local_alias()
table("function_local_alias", **BASE_TWO)


# A default dict or list is made once: the calls share it.
def collect(part, acc=[]):
    acc.append(part)
    return acc


collect("mutable")
table("_".join(collect("default")))

# A loop's variable is each item in turn.
ONE = {"online": False}
TWO = {"online": False}
for flags_of in [ONE, TWO]:
    flags_of["online"] = True
table("loop_over_names_a", **ONE)
table("loop_over_names_b", **TWO)

ROWS = [{"online": False}, {"online": False}]
for row in ROWS:
    row["online"] = True
table("loop_over_list", **ROWS[1])

BY_TEAM = {"risk": {"online": False}}
for team, settings_of in BY_TEAM.items():
    settings_of["online"] = True
table("loop_over_items", **BY_TEAM["risk"])


# Changed, then rebound: the caller's dict keeps the change made before.
def change_then_rebind(settings):
    settings["online"] = True
    settings = {"online": False}
    return settings


REBOUND = {"online": False}
change_then_rebind(REBOUND)
table("rebound_after_change", **REBOUND)

# A copy is another object.
COPIED = {"online": True}
copy = dict(COPIED)
copy["online"] = False
table("copy_is_another", **COPIED)

# A name keeps the object it holds when the place it came from gets another one.
SETTINGS = {"default": {"online": False}}
base = SETTINGS["default"]
SETTINGS["default"] = {**base, "online": True}
table("replaced_item_keeps_old", **base)
table("replacing_item", **SETTINGS["default"])

LIST = [{"online": False}]
kept = LIST[0]
LIST = [{"online": False}]
kept["online"] = True
table("rebound_list", **LIST[0])


class Kept:
    FLAGS = {"online": False}


old_flags = Kept.FLAGS
Kept.FLAGS = {"online": False}
old_flags["online"] = True
table("rebound_class_attribute", **Kept.FLAGS)

NEST = {"a": {"b": {"online": False}}}
deep = NEST["a"]["b"]
NEST["a"] = {"b": {"online": False}}
deep["online"] = True
table("parent_replaced", **NEST["a"]["b"])

BY_KEY = {"x": {"online": False}}
for key, value in BY_KEY.items():
    value["online"] = True
    BY_KEY[key] = {"online": False}
table("replaced_in_loop", **BY_KEY["x"])
table("loop_variable_after", **value)

# `pop(0)` moves the second dict first; `head` keeps the first.
QUEUE = [{"online": False}, {"online": True}]
head = QUEUE[0]
QUEUE.pop(0)
head["online"] = True
table("popped", **QUEUE[0])


def swap():
    a = {"online": False}
    b = a
    a = b
    b["online"] = True
    return a


table("names_bound_to_each_other", **swap())

# Another module's name for an item is that item, read or changed from here.
import shared  # noqa: E402
from shared import ads  # noqa: E402

shared.ads["online"] = True
table("other_module_alias", **shared.ads)
ads["offline"] = False
table("other_module_item", **shared.TEAMS["ads"])

HELD = {"a": {"online": False}}


def outer():
    held = HELD["a"]
    held["online"] = True

    def inner():
        return table("closure_of_alias", **held)

    return inner()


outer()

# Unpacked names, `enumerate`, and `dict.get` of a key the dict holds are the items too.
PAIR = {"a": {"online": False}, "b": {"online": False}}
left, right = PAIR["a"], PAIR["b"]
left["online"] = True
table("unpacked_a", **PAIR["a"])
table("unpacked_b", **PAIR["b"])

NUMBERED = [{"online": False}, {"online": False}]
for index, numbered in enumerate(NUMBERED):
    if index == 1:
        numbered["online"] = True
table("enumerated_1", **NUMBERED[1])

LOOKUP = {"x": {"online": False}}
got = LOOKUP.get("x")
got["online"] = True
table("got_item", **LOOKUP["x"])
LOOKUP.get("x")["offline"] = False
table("got_item_written", **LOOKUP["x"])
fallback = LOOKUP.get("y", {"online": False})
fallback["online"] = True
table("got_default_is_another", **LOOKUP["x"])

# A function that returns what a place holds returns that object, not a copy.
BY_NAME = {"fraud": {"online": False}}
DEFAULTS = {"online": False}


def settings_of(team):
    return BY_NAME[team]


def defaults():
    picked = DEFAULTS
    return picked


def fresh():
    return {"online": False}


returned = settings_of("fraud")
returned["online"] = True
table("returned_item", **BY_NAME["fraud"])
shared_defaults = defaults()
shared_defaults["online"] = True
table("returned_global", **DEFAULTS)
made = fresh()
made["online"] = True
table("returned_fresh_is_another", **fresh())

# `a if test else b` and `a or b` are one of their operands; copies are other objects.
CHOSEN = {"online": False}
picked = CHOSEN if len(LIST) == 1 else {}
picked["online"] = True
table("conditional_operand", **CHOSEN)
EITHER = {"online": False}
either = EITHER or {}
either["online"] = True
table("or_operand", **EITHER)
ORIGINAL = {"online": False}
for copied in (dict(ORIGINAL, offline=False), {**ORIGINAL}, ORIGINAL | {}, dict(ORIGINAL)):
    copied["online"] = True
table("copies_are_others", **ORIGINAL)
