from common import Runtime, Team, table

# An enum member's `.value` and `.name` are strings; a member of a `str` enum is one itself.
table(Team.RISK + "_scores", runtime=Runtime.CURRENT.value)
table(Runtime.NEXT.name.lower())
table("risk_by_member", runtime="1.2.13" if Team.RISK == "risk" else "1.2.4")
