# Annotated assignments to attributes and subscripts, with and without a value
# (CPython's compiler_annassign: the value is stored as by `=`; without one, only the
# target's object and subscript operands are evaluated).
from typing import List, Dict


def trace(label, value):
    print("eval", label)
    return value


class Widget:
    def __init__(self, name: str, size: int):
        self.name: str = name
        self.size: int = size
        self.tags: List[str] = []
        self.pending: int

    def grow(self, by: int) -> None:
        self.size: int = self.size + by


class Board:
    def __init__(self):
        self.cells: Dict[int, str] = {}

    def put(self, k: int, v: str) -> None:
        self.cells[k]: str = v


w = Widget("knob", 3)
w.grow(4)
w.tags.append("round")
print(w.name, w.size, w.tags)
try:
    print(w.pending)
except AttributeError as e:
    print("AttributeError:", e)

b = Board()
b.put(2, "x")
b.put(1, "y")
print(b.cells)

# Without a value: the object, then the subscript operands, are evaluated in order.
trace("attr object", w).size: int
trace("sub object", b.cells)[trace("key", 5)]: int
trace("slice object", [1, 2, 3])[trace("lo", 0):trace("hi", 2)]: list
trace("ext object", {})[trace("a", 1), trace("b", 2):trace("c", 3)]: int
print(b.cells, w.size)

# With a value: the value first, then the target's operands.
trace("target", b.cells)[trace("index", 7)]: str = trace("value", "z")
print(b.cells)

items = [0, 0, 0, 0]
items[1:3]: list = [8, 9]
print(items)

counter: int = 0


def bump() -> int:
    global counter
    counter = counter + 1
    return counter


print(bump(), bump())


def declared_only():
    x: int
    try:
        print(x)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    x: int = 5
    print(x)


declared_only()

try:
    w.missing.attr: int
except AttributeError as e:
    print("AttributeError:", e)
try:
    b.cells[trace("bad key", 99)]: int = b.cells[99]
except KeyError as e:
    print("KeyError:", e)
