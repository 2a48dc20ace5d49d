from common import table


class Node:
    def __init__(self, name):
        self.name = name


n = Node("n")
table(n)
