FLAGS = {"online": False}
NESTED = {"views": {"online": False}}
