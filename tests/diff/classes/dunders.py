# Dunder methods: arithmetic (reflected, in-place), comparisons, hashing, containers, calls.
class Vec:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Vec({self.x}, {self.y})"

    def __add__(self, other):
        if isinstance(other, Vec):
            return Vec(self.x + other.x, self.y + other.y)
        return NotImplemented

    def __radd__(self, other):
        if other == 0:
            return self
        return NotImplemented

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __neg__(self):
        return Vec(-self.x, -self.y)

    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5

    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)

    def __hash__(self):
        return hash((self.x, self.y))

    def __bool__(self):
        return bool(self.x or self.y)


a, b = Vec(1, 2), Vec(3, 4)
print(a + b, a * 3, 2 * a, -a, abs(b), sum([a, b, a]))
print(a == Vec(1, 2), a != b, a == 1, bool(Vec(0, 0)), bool(a))
print(len({a, Vec(1, 2), b}), Vec(3, 4) in {a, b})
c = a
c += b
print(c, a, c is a)
try:
    a + 1
except TypeError as err:
    print("TypeError:", err)
try:
    a < b
except TypeError as err:
    print("TypeError:", err)


class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, x):
        self.items.append(x)
        return self


acc = Acc()
before = acc
acc += 5
acc += 6
print(acc.items, acc is before)


class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __le__(self, other):
        return self.parts <= other.parts

    def __repr__(self):
        return "v" + ".".join([str(p) for p in self.parts])


vs = [Version(1, 2), Version(1, 0, 5), Version(0, 9), Version(1, 2, 1)]
print(sorted(vs), min(vs), max(vs))
print(Version(1) < Version(2), Version(3) > Version(2), Version(2) >= Version(2))


class Grid:
    def __init__(self, w, h):
        self.w, self.h = w, h
        self.cells = {}

    def __len__(self):
        return self.w * self.h

    def __getitem__(self, key):
        if key not in self:
            raise KeyError(key)
        return self.cells.get(key, 0)

    def __setitem__(self, key, value):
        self.cells[key] = value

    def __delitem__(self, key):
        del self.cells[key]

    def __contains__(self, key):
        x, y = key
        return 0 <= x < self.w and 0 <= y < self.h

    def __iter__(self):
        return iter(sorted(self.cells.items()))

    def __call__(self, x, y):
        return self[x, y]


g = Grid(3, 2)
g[0, 1] = 5
g[2, 1] = 7
print(len(g), g[0, 1], g(2, 1), g[1, 1], (1, 1) in g, (5, 5) in g, list(g))
del g[0, 1]
print(list(g), bool(g), callable(g), callable(a))
try:
    g[9, 9]
except KeyError as err:
    print("KeyError:", err)


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(4)), [x * x for x in Countdown(3)], sum(Countdown(10)))
for i in Countdown(2):
    print("tick", i)


class Seq:
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * 10


print(list(Seq()), 20 in Seq(), 25 in Seq())


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"

    def __format__(self, spec):
        if spec == "c":
            return f"{self.cents}c"
        return format(str(self), spec)

    def __int__(self):
        return self.cents

    def __float__(self):
        return self.cents / 100

    def __index__(self):
        return self.cents


m = Money(1234)
print(m, str(m), f"{m}", f"{m:c}", f"[{m:>10}]", int(m), float(m), [1, 2, 3, 4, 5][Money(2)])


class NoHash:
    def __eq__(self, other):
        return True


print(NoHash() == 1, NoHash.__hash__)
try:
    hash(NoHash())
except TypeError as err:
    print("TypeError:", err)


class Plain:
    pass


x = Plain()
print(x == x, x == Plain(), hash(x) == hash(x), len({x, x}))
try:
    len(x)
except TypeError as err:
    print("TypeError:", err)
try:
    x[0]
except TypeError as err:
    print("TypeError:", err)
try:
    iter(x)
except TypeError as err:
    print("TypeError:", err)
try:
    x()
except TypeError as err:
    print("TypeError:", err)
try:
    f"{x:>5}"
except TypeError as err:
    print("TypeError:", err)
