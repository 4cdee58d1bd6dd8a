# namedtuple's errors: bad names, bad calls of the class, _make/_replace.
from collections import namedtuple

P = namedtuple("P", "x y", defaults=[5])
cases = [
    lambda: P(),
    lambda: P(1, 2, 3),
    lambda: P(1, z=2),
    lambda: P(1, x=2),
    lambda: P._make([1]),
    lambda: P(1)._replace(q=1, r=2),
    lambda: namedtuple("1a", "x"),
    lambda: namedtuple("A", "x _y"),
    lambda: namedtuple("A", "x x"),
    lambda: namedtuple("A", "def"),
    lambda: namedtuple("A", [1]),
    lambda: namedtuple("A", "x", defaults=[1, 2]),
    lambda: namedtuple("A"),
    lambda: namedtuple("A", "x", True),
    lambda: namedtuple("A", "x", bogus=1),
    lambda: P(1).z,
    lambda: P(1).x.foo,
    lambda: namedtuple("A", 5),
    lambda: P(1)._replace(1),
    lambda: P(1)[2],
]
for i, f in enumerate(cases):
    try:
        print(i, "ok", f())
    except Exception as e:
        print(i, type(e).__name__, e)
T = namedtuple("T", "a b c")
T(1, 2)
