# The same as closures.py with the large value held as a parameter default.
def make_defaults():
    big = list(range(9000))
    made = []
    for i in range(5000):
        def read(value=big):
            return value
        made.append(read)
    return made


DEFAULT_READERS = make_defaults()
