from dataclasses import dataclass, field

from common import table


class Config:
    online = False

    def __init__(self, name, online=None):
        self.name = name
        if online is not None:
            self.online = online

    def label(self):
        return "cfg_" + self.name

    @property
    def full(self):
        return self.name + "_full"

    @classmethod
    def make(cls, name):
        return cls(name, online=True)

    @staticmethod
    def prefix():
        return "static"


a = Config("a")
table(a.label(), online=a.online)
b = Config.make("b")
table(b.full, online=b.online)
table(Config.prefix() + "_x")
Config.online = True
c = Config("c")
table("class_attr_" + c.name, online=c.online)
table("instance_kept_" + a.name, online=a.online)


@dataclass
class Spec:
    name: str
    online: bool = False
    tags: dict = field(default_factory=dict)


s = Spec("spec")
s.tags["team"] = "x"
t = Spec("spec2")
table(s.name + "_" + str(len(t.tags)), online=s.online)


class Child(Config):
    online = True

    def label(self):
        return "child_" + self.name


d = Child("d")
table(d.label(), online=d.online)
