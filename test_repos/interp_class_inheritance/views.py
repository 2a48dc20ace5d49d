from tecton import Entity
from tecton.types import Field, String


class Base:
    TEAM = "fraud"
    REGION = "us"


class Child(Base):
    REGION = "eu"


class Grandchild(Child, object):
    SUFFIX = "gc"


class Other:
    TEAM = "other"


class Mixed(Child, Other):
    SUFFIX = "mixed"


# Set on the base after the subclasses were made: they read it from there.
Base.TEAM = "risk"

child = Entity(name=f"{Child.TEAM}_{Child.REGION}", join_keys=[Field("a", String)])
grandchild = Entity(
    name=f"{Grandchild.TEAM}_{Grandchild.REGION}_{Grandchild.SUFFIX}",
    join_keys=[Field("b", String)],
)
# Two bases of the repository: Python's order (C3) is not followed, the name is unknown.
mixed = Entity(name=f"{Mixed.TEAM}_{Mixed.SUFFIX}", join_keys=[Field("c", String)])
