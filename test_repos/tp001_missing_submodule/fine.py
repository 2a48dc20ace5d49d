import ents.user
from features import views
from ents import user

USERS = [ents.user.user, views.merchant]
