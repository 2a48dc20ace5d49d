TEAMS = {"ads": {"online": False, "offline": True}}
ads = TEAMS["ads"]
