from common import NAMES, Labelled, Region, Runtime, Size, Team, Tier, table

# A member of an Enum with `str` mixed in is a string: operators, methods, dict keys and the SDK
# see its value.
table(Team.FRAUD)
table(Team.FRAUD + "_plus")
table("_".join([Team.FRAUD, "joined"]))
table(Team.FRAUD.value + "_value")
table(Team.FRAUD.name + "_name")
table(Team.FRAUD.upper())
table(NAMES[Team.FRAUD])
table("equal" if Team.FRAUD == "fraud" else "unequal")
table("member_of" if Team.RISK in ["risk"] else "not_member_of")
table("pinned_old", runtime=Runtime.OLD)
table("pinned_value", runtime=Runtime.CURRENT.value)
table(f"team_{Team.FRAUD.value}")

# Written as text, it is `Team.RISK`: `str()` and `%s` in every Python version, `format()` (an
# f-string, `str.format`) from Python 3.11 only (its value up to 3.10), so that is unknown.
table(str(Team.RISK) + "_str")
table("%s_percent" % Team.RISK)
table(f"{Team.RISK}_formatted")
table("{}_format_method".format(Team.RISK))

# A StrEnum member is written as its value; an IntEnum member is formatted as its value, but
# `str()` of it is `Tier.GOLD` up to Python 3.10.
table(f"region_{Region.EU}")
table("region_str_" + str(Region.EU))
table(f"tier_{Tier.GOLD}")
table("tier_percent_%d" % Tier.GOLD)
table("tier_str_" + str(Tier.GOLD))
table(f"size_{Size.BIG}")
table("size_str_" + str(Size.BIG))
table("size_value_%d" % Size.BIG.value)

# A class that defines `__str__` writes its members its own way.
table(str(Labelled.AUDIT))
table(Labelled.AUDIT + "_data")
