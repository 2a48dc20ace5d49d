from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class Team:
    name: str
    region: str = "us"
    tags: list = field(default_factory=list)
    owner: str = field(default="ml")
    KIND: ClassVar[str] = "team"

    def label(self, extra="x"):
        return f"{self.name}_{extra}"

    @classmethod
    def kind(cls):
        return cls.KIND


@dataclass
class Spec:
    base: str = "spec"

    @property
    def full(self):
        return self.base + "_full"


class Settings:
    PREFIX = "acct"

    @classmethod
    def named(cls, suffix):
        return f"{cls.PREFIX}_{suffix}"

    @staticmethod
    def plain(text):
        return text + "_static"


class Child(Settings):
    PREFIX = "child"


FRAUD = Team("fraud")
RISK = Team(name="risk", region="eu")
SHARED = Team("shared", "apac", owner="platform")
SPEC = Spec()
