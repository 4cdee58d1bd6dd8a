# The errors of builtin slot wrappers read as attributes, as CPython gives them.
def attempt(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

attempt(lambda: (5).__iadd__)
attempt(lambda: (5).__len__())
attempt(lambda: "a".__neg__())
attempt(lambda: int.__iadd__)
attempt(lambda: int.__add__())
attempt(lambda: int.__add__(1))
attempt(lambda: int.__add__(1, 2, 3))
attempt(lambda: int.__add__(2.0, 1))
attempt(lambda: int.__neg__("x"))
attempt(lambda: (5).__add__())
attempt(lambda: (5).__add__(1, 2))
attempt(lambda: (5).__neg__(1))
attempt(lambda: (5).__add__(x=1))
attempt(lambda: (5).__format__())
attempt(lambda: (5).__format__(3))
attempt(lambda: (5).__format__("q"))
attempt(lambda: (3).__pow__())
attempt(lambda: (3).__pow__(1, 2, 3))
attempt(lambda: (3).__pow__(2, 0))
attempt(lambda: (3.0).__pow__(2, 5))
attempt(lambda: [].__hash__())
attempt(lambda: [1].__getitem__())
attempt(lambda: [1].__getitem__(5))
attempt(lambda: {}.__getitem__("k"))
attempt(lambda: {}.__contains__())
attempt(lambda: set().__contains__())
attempt(lambda: [1].__setitem__(0))
attempt(lambda: "ab".__mul__("c"))
attempt(lambda: "ab".__mul__(2, 3))
attempt(lambda: (1).__truediv__(0))
attempt(lambda: iter([]).__next__())
attempt(lambda: str.__len__(5))
attempt(lambda: list.__len__())
attempt(lambda: (5).__nonexistent__)
attempt(lambda: int.__nonexistent__)
attempt(lambda: (2.5).__index__())
attempt(lambda: (2.5).__invert__())
attempt(lambda: float.__lshift__)
print(hasattr(5, "__iadd__"), hasattr(int, "__iadd__"), hasattr(None, "__len__"), hasattr("", "__int__"))
x = 5
try:
    x.__add__ = 1
except AttributeError as e:
    print(e)
try:
    [].__len__ = 1
except AttributeError as e:
    print(e)
(5).__add__(None, 7)
