from common import table

QUEUE = ["a", "b", "c"]
QUEUE.pop(0)
table("pop_first_" + "_".join(QUEUE))

STACK = ["a", "b"]
STACK.pop()
table("pop_last_" + "_".join(STACK))

ORDER = ["b", "a"]
ORDER.insert(0, "z")
ORDER.insert(99, "end")
ORDER.insert(-1, "m")
ORDER.insert(-99, "start")
table("insert_" + "_".join(ORDER))

REMOVED = ["x", "y", "x"]
REMOVED.remove("x")
table("remove_" + "_".join(REMOVED))

LETTERS = ["c", "a", "b"]
LETTERS.sort()
table("sort_" + "_".join(LETTERS))

NUMBERS = [3, 1, 2]
NUMBERS.sort(reverse=True)
table(f"sort_reverse_{NUMBERS[0]}{NUMBERS[1]}{NUMBERS[2]}")

BACKWARDS = ["a", "b", "c"]
BACKWARDS.reverse()
table("reverse_" + "_".join(BACKWARDS))

EMPTIED = ["a"]
EMPTIED.clear()
table(f"clear_{len(EMPTIED)}")

DELETED = ["a", "b", "c"]
del DELETED[1]
table("del_item_" + "_".join(DELETED))

FLAGS = {"online": True, "offline": False}
FLAGS.clear()
table("dict_clear", **FLAGS)

LAST = {"offline": False, "online": True}
LAST.popitem()
table("popitem", **LAST)

# Through a second name and through what a function returned.
TEAMS = ["risk", "fraud"]
alias = TEAMS
alias.sort()
table("alias_sort_" + TEAMS[0])


def teams():
    return TEAMS


teams().insert(0, "ads")
table("result_insert_" + TEAMS[0])
