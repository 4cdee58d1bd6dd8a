# A __bool__ stored on a class after instances were made: truth tests ask the class (no
# instance is taken as always true while the program stores a __bool__ or __len__ anywhere).


class Node:
    def __init__(self, value):
        self.value = value


class Flag:
    def __init__(self, on):
        self.on = on


def describe(x):
    return "truthy" if x else "falsy"


print(describe(Node(0)), describe(Flag(False)))
Flag.__bool__ = lambda self: self.on
print(describe(Flag(False)), describe(Flag(True)), bool(Flag(False)), [describe(v) for v in (Node(0), Flag(False), 0, "")])
def drop_len(cls):
    cls.__len__ = lambda self: 0


drop_len(Node)
print(describe(Node(1)), not Node(2))
