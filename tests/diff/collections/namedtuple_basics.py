# collections.namedtuple: construction, fields, tuple behaviour, _make/_replace/_asdict, reprs.
from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
p = Point(1, 2)
q = Point(y=4, x=3)
print(p, q, p.x, p.y, q[0], q[-1], len(p), list(p), tuple(q))
x, y = p
print(x, y, p == (1, 2), p == Point(1, 2), p != q, p < q, hash(p) == hash((1, 2)))
print(isinstance(p, tuple), isinstance(p, Point), type(p), type(p).__name__, Point.__name__, Point)
print(Point._fields, p._fields, Point.__match_args__, Point._field_defaults)
print(p._asdict(), p._replace(y=9), Point._make([5, 6]), p._make((7, 8)))
print(p[:], type(p[:]).__name__, p[::-1], p + (3,), type(p + ()).__name__, p * 2, type(p * 1).__name__)
print(type(tuple(p)).__name__, str(p), repr(q), f"{p}", "%s and %s" % p, 2 in p, p.index(2), p.count(1))
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]), max(Point(3, 0), Point(2, 9)))
print({p: "a", (1, 2): "b"}, {Point(0, 0), Point(0, 0)})

Color = namedtuple("Color", "red green blue", defaults=[0, 255])
print(Color(1), Color(1, 2), Color(1, 2, 3), Color._field_defaults, Color(red=9, blue=1))
Pair = namedtuple("Pair", "first, second")
print(Pair("a", "b"), Pair._fields)
Empty = namedtuple("Empty", "")
print(Empty(), Empty() == (), len(Empty()), Empty._fields)
R = namedtuple("R", ["a", "def", "_c", "a", "ok"], rename=True)
print(R._fields, R(1, 2, 3, 4, 5))
M = namedtuple("M", "v", module="shapes")
print(M, M.__module__, M(1))
Node = namedtuple("Node", "value children")
tree = Node(1, [Node(2, []), Node(3, [Node(4, [])])])
print(tree)


def total(n):
    return n.value + sum(total(c) for c in n.children)


print(total(tree), [c.value for c in tree.children])
Big = namedtuple("Big", "a b c d e f")
b = Big(*range(6))
print(b, b.f, b._replace(a=100, f=-1), sum(b))
for name, value in zip(b._fields, b):
    print(name, value, end="; ")
print()
print(namedtuple("T", (s for s in ["u", "v"]))(u=1, v=2), namedtuple("U", "k")(k=[1])._asdict())
