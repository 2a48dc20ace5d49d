from shapes import *

ITEMS = [item]
