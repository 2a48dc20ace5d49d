from common import table

# What a changing method returns, where the value is used; the change is made too.
LETTERS = ["a", "b", "c"]
last = LETTERS.pop()
first = LETTERS.pop(0)
table("popped_" + last + "_" + first + "_left_" + "_".join(LETTERS))

NAMES = {"x": "one", "y": "two"}
got = NAMES.pop("x")
fallback = NAMES.pop("missing", "fallback")
table("dict_pop_" + got + "_" + fallback + "_left_" + "_".join(NAMES))

SEEN = {"k": "v"}
added = SEEN.setdefault("z", "new")
kept = SEEN.setdefault("k", "other")
table("setdefault_" + added + "_" + kept + "_" + "_".join(SEEN))

PAIRS = {"a": "1", "b": "2"}
key, value = PAIRS.popitem()
table("popitem_" + key + value + "_left_" + "_".join(PAIRS))

STACK = ["z", "y"]
table("in_a_call_" + STACK.pop() + "_left_" + "_".join(STACK))
