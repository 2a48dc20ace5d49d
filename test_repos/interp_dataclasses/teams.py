from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class Team:
    name: str
    region: str = "us"
    tags: list = field(default_factory=list)
    owner: str = field(default="ml")
    KIND: ClassVar[str] = "team"

    def label(self):
        return self.name


@dataclass
class Spec:
    base: str = "spec"

    @property
    def full(self):
        return self.base + "_full"


FRAUD = Team("fraud")
RISK = Team(name="risk", region="eu")
SHARED = Team("shared", "apac", owner="platform")
SPEC = Spec()
