from pkg import *

PARTS = [parts.part]
