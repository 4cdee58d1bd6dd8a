# Classes deriving from namedtuple classes (collections.namedtuple, typing.NamedTuple): fields,
# methods, __new__ through super(), a __dict__, copies, class patterns, read-only fields.
import copy
from collections import namedtuple
from typing import NamedTuple


class Point(namedtuple("Point", "x y")):
    __slots__ = ()

    @property
    def norm2(self):
        return self.x * self.x + self.y * self.y

    def __str__(self):
        return "Point: x=%6.3f  y=%6.3f  norm2=%6.3f" % (self.x, self.y, self.norm2)


p = Point(3, 4)
print(p, repr(p), p.norm2, p.x, p[1], len(p), p == (3, 4), hash(p) == hash((3, 4)))
print(type(p).__name__, isinstance(p, tuple), isinstance(p, Point), p._asdict(), p._replace(x=10))
x, y = p
print(x, y, list(p), p + (5,), p * 2, sorted(Point(2, 1)))
print(Point._fields, Point._make([7, 8]), type(Point._make([7, 8])).__name__)
print(Point.x.__doc__, Point(1, 2) < Point(1, 3), max(Point(1, 2), Point(0, 9)))
Plain = namedtuple("Plain", "x y")
for target in (p, Plain(1, 2)):
    for attempt in ("set", "del", "new", "class attribute"):
        try:
            if attempt == "set":
                target.x = 5
            elif attempt == "del":
                del target.y
            elif attempt == "new":
                target.z = 5
            else:
                target._fields = ()
        except AttributeError as e:
            print("AttributeError:", e)


Base = namedtuple("Base", ["a", "b", "c"], defaults=[0])


class Rec(Base):
    def __new__(cls, a, b, c=0):
        if a < 0:
            raise ValueError("negative a")
        return super().__new__(cls, a, b, c)

    def total(self):
        return self.a + self.b + self.c


r = Rec(1, 2)
print(r, r.total(), Rec(1, 2, 3).total(), r._replace(c=9), type(r._replace(c=9)).__name__)
r.note = "hello"
print(r.note, vars(r), Rec.__new__(Rec, 5, 6), Base.a, type(Base.a).__name__)
try:
    Rec(-1, 2)
except ValueError as e:
    print("ValueError:", e)
try:
    Rec(1)
except TypeError as e:
    print("TypeError:", e)


class Q(namedtuple("Q", "x y")):
    def __init__(self, x, y):
        self.made = x + y


q = Q(3, 4)
print(q, q.made, vars(q), "%s-%s" % q, "{}/{}".format(*q), *q)
print(q == (3, 4), (3, 4) == q, q < (3, 5), q + q, type(q[:]).__name__, q[::-1], dict([Q("k", "v")]))
print(copy.copy(q), copy.deepcopy(q), type(copy.copy(q)).__name__, copy.copy(q).made, copy.deepcopy(r).note)
print(Q.__mro__[1:] == (Q.__mro__[1], tuple, object), issubclass(Q, tuple), Q.__mro__[1].__name__)


def where(v):
    match v:
        case Q(x=0):
            return "q at x=0"
        case Q(a, b):
            return f"q {a} {b}"
        case (a, b):
            return f"pair {a} {b}"
    return "other"


print(where(Q(0, 9)), where(Q(1, 9)), where((5, 6)), where([1]))


class Emp(NamedTuple):
    name: str
    dept: str = "eng"


class Manager(Emp):
    def title(self):
        return "Mgr " + self.name

    def __repr__(self):
        return "<" + super().__repr__() + ">"


m = Manager("ann")
print(m, m.title(), m.dept, Manager._fields, Manager._field_defaults, Manager("bo", "ops"))
print(sorted([Manager("zed"), Manager("amy")]), {m: 1}[Manager("ann")])
