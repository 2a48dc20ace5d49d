import tecton
import tecton.v09_compat

# Reading the 0.9 API through the plain import makes the check look for a file importing it.
bridge = tecton.v09_compat

from helpers.factory import make_user

user = make_user()
