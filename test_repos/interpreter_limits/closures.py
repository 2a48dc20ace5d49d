# Each function defined here holds a copy of `big` (Python shares it): the copies count as work.
def make():
    big = list(range(9000))
    made = []
    for i in range(5000):
        def read():
            return big
        made.append(read)
    return made


READERS = make()
