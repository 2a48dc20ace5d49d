class Versions:
    RUNTIME = "1.2.13"
    ONLINE = False


SETTINGS = {"online": False}
RUNTIME = "1.2.13"
