# Classes deriving from tuple: construction through tuple.__new__ and __init__, inherited
# behaviour, overrides, a __dict__ (or none with __slots__ = ()), hashing, copies, cycles.
import copy


class Pair(tuple):
    def __new__(cls, a, b):
        return tuple.__new__(cls, (a, b))

    @property
    def first(self):
        return self[0]

    def swap(self):
        return Pair(self[1], self[0])

    def __repr__(self):
        return "Pair" + super().__repr__()


q = Pair(1, 2)
print(q, q.first, q.swap(), len(q), q[0:1], q.count(1), q.index(2), tuple(q), q == (1, 2))
print(hash(q) == hash((1, 2)), {q: 1}[(1, 2)], q in {(1, 2)}, type(q + q).__name__, q.__getnewargs__())
try:
    copy.copy(q)  # __new__(cls, (1, 2)): Pair's __new__ takes two
except TypeError as e:
    print("TypeError:", e)


class T(tuple):
    pass


t = T([1, 2, 3])
print(t, T(), T("ab"), type(t).__name__, t.__class__ is T, T.__mro__)
t.extra = 1
print(t.extra, t.__dict__, vars(T((9,))))
print(copy.copy(T([1, [2]])), copy.deepcopy(T([1, [2]])), type(copy.deepcopy(T([3]))).__name__, copy.copy(t).extra)


class V(tuple):
    def __init__(self, items, tag=None):
        self.n = len(self)
        self.tag = tag

    def __eq__(self, other):
        return isinstance(other, V) and tuple(self) == tuple(other)

    __hash__ = tuple.__hash__


v = V(range(4))
print(v, v.n, v == V([0, 1, 2, 3]), v == (0, 1, 2, 3), hash(v) == hash((0, 1, 2, 3)))
print(V("ab", tag="t").tag, sorted([V([2]), V([1])]), max(T([1]), T([0, 5])), list(reversed(v)), sum(v), 3 in v)
a, *rest = v
print(a, rest, "%d+%d" % T([1, 2]), ", ".join(T(["x", "y"])))


class W(tuple):
    __slots__ = ()


w = W((1,))
try:
    w.a = 1
except AttributeError as e:
    print("AttributeError:", e)
print(w, W.__mro__, issubclass(W, tuple), tuple.__new__(W, [4, 5]), type(tuple.__new__(tuple, "ab")))
for bad in (lambda: T(1, 2), lambda: T(x=1), lambda: tuple.__new__(int), lambda: tuple.__new__(5), lambda: T(5)):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
try:
    Pair(1)
except TypeError as e:
    print("TypeError:", e)


class Cyc(tuple):
    pass


for i in range(100):
    c = Cyc([i])
    c.me = c
print("done")
