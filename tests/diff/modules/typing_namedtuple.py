# typing.NamedTuple classes: fields with defaults, both import forms, in a function, tuple behaviour.
from typing import NamedTuple, List
import typing


class P(NamedTuple):
    """A point."""
    x: int
    y: int = 0


class Row(typing.NamedTuple):
    name: str
    tags: List[str] = []
    score: float = 1.5


p = P(1)
print(p, P(1, 2)._replace(x=5), p.x, p.y, P._fields, P._field_defaults, type(p), isinstance(p, tuple))
r = Row("a")
print(r, Row("b", ["t"], 2.0), r == ("a", [], 1.5), Row._fields, hash(P(1, 2)) == hash((1, 2)))


def local():
    class Q(NamedTuple):
        a: int
        b: str = "z"
    return Q(3)


print(local(), local().b, type(local()).__name__)
x, y = P(7, 8)
print(x + y, sorted([P(2, 1), P(1, 3)]))
try:
    P()
except TypeError as e:
    print(e)
