TAGS = {"team": "growth"}
