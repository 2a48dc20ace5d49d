from common import Runtime, table

table("pinned_by_member", runtime=Runtime.CURRENT)
table("never_built")
