# Each call makes ten more: Python gives up with RecursionError, tecton-preflight after its budget.
def f():
    f(); f(); f(); f(); f(); f(); f(); f(); f(); f()


f()
