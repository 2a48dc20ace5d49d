from common import *

USERS = [user]
