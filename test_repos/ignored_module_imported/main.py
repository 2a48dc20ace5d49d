import helpers.ign_mod
from helpers.factory import make
make("made_by_ignored_factory")
