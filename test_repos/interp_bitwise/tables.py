from enum import IntEnum, IntFlag

from common import table

ONLINE = False
ONLINE |= True
table("or_assign", online=ONLINE)

OFFLINE = True
OFFLINE &= False
table("and_assign", offline=OFFLINE)

table("xor", online=True ^ False)
table(f"bools_{True | False}_{True & False}_{True ^ True}")
table(f"ints_{6 & 3}_{5 ^ 1}_{4 | 1}_{1 << 3}_{-16 >> 2}_{7 >> 10}")
table(f"mixed_{True | 2}_{3 & True}")


class Level(IntEnum):
    LOW = 1
    HIGH = 4


table(f"intenum_{Level.LOW | Level.HIGH}")


class Perm(IntFlag):
    R = 4
    W = 2


table(f"intflag_{(Perm.R | Perm.W).value}")
