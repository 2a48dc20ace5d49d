import settings
from common import table

# Items of items, changed in place: the outer dict or list sees the change.
ROWS = [{"online": False}]
ROWS[0]["online"] = True
table("list_item", **ROWS[0])

VIEWS = {"fraud": {"online": False}}
VIEWS["fraud"]["online"] = True
table("nested_dict", **VIEWS["fraud"])

SCORES = {"risk": {"online": False}}
SCORES["risk"].update({"online": True})
table("nested_update", **SCORES["risk"])

GROUPS = [[]]
GROUPS[0].append("nested_append")
table(GROUPS[0][0] if GROUPS[0] else "nested_empty")

RETIRED = {"old": {"online": True, "offline": False}}
del RETIRED["old"]["offline"]
table("nested_delete", **RETIRED["old"])


# A dict a class holds, and one another module holds, changed through them.
class Holder:
    FLAGS = {"online": False}


class Child(Holder):
    pass


Holder.FLAGS["online"] = True
table("class_dict", **Holder.FLAGS)
Child.FLAGS["offline"] = False
table("base_class_dict", **Holder.FLAGS)

settings.FLAGS["online"] = True
table("module_dict", **settings.FLAGS)
settings.NESTED["views"]["online"] = True
table("module_nested", **settings.NESTED["views"])

# `|=` of two bools, read and written back where the outer value lives.
LATE = {"views": {"online": False}}
LATE["views"]["online"] |= True
table("nested_augassign", **LATE["views"])
