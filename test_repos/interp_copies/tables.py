import copy

from common import table

# A copy is another dict or list: changing it leaves the original as it was, and the other way
# round.
BASE = {"online": False, "offline": True}
a = BASE.copy()
a["online"] = True
table("dict_copy_original", **BASE)
table("dict_copy", **a)

b = copy.deepcopy(BASE)
b["online"] = True
table("deepcopy_original", **BASE)
table("deepcopy", **b)

c = copy.copy(BASE)
c["online"] = True
table("shallow_copy_original", **BASE)

LATER = {"online": False}
d = LATER.copy()
LATER["online"] = True
table("copy_before_change", **d)

L = ["x", "y"]
m = L[:]
m.append("z")
n = list(L)
n.append("w")
o = L.copy()
o.append("v")
table("list_copies_" + "_".join(L) + "_" + "_".join(o))

f = {k: v for k, v in BASE.items()}
f["online"] = True
table("comprehension_copy_original", **BASE)

g = dict(**BASE)
g["online"] = True
table("dict_kwargs_copy_original", **BASE)
