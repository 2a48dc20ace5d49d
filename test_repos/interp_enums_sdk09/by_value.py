from common import Runtime, Team, table

table("pinned_by_value", runtime=Runtime.CURRENT.value)
table(Team.RISK, runtime=Runtime.CURRENT.name and Runtime.CURRENT.value)
