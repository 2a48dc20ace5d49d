from common import Runtime, table

# A member of a plain Enum is not its value: the SDK's type check refuses it, and the import of
# this file stops here.
table("pinned_by_member", runtime=Runtime.CURRENT)
table("never_built")
