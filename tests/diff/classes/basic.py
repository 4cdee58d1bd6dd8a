# Classes: __init__, instance and class attributes, methods, bound methods, __repr__/__str__.
class Point:
    """A point in the plane."""
    dims = 2
    count = 0

    def __init__(self, x, y=0):
        self.x = x
        self.y = y
        Point.count += 1

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


p = Point(3, 4)
print(p.x, p.y, p.norm2(), p.dims, Point.dims, Point.count)
q = p.moved(1, dy=2)
print(q, repr(q), str(q), [p, q])
print(Point.count, Point.__name__, Point.__qualname__, Point.__doc__)
m = p.norm2
print(m(), m.__name__, m.__qualname__)
p.x = 10
print(p.norm2(), m())
p.label = "origin"
print(p.label, hasattr(p, "label"), hasattr(p, "nope"), getattr(p, "nope", 42))
setattr(p, "y", -1)
print(getattr(p, "y"), p.__dict__)
del p.label
print(hasattr(p, "label"), p.__dict__)
print(type(p) is Point, type(p).__name__, isinstance(p, Point), isinstance(3, Point))
print(Point.norm2(q), Point.moved(q, 1).x)
print(p == p, p == q, p != q)


class Empty:
    pass


e = Empty()
print(type(e).__name__, e.__dict__, isinstance(e, object))
e.a = 1
e.b = [1, 2]
e.b.append(3)
print(e.a, e.b, sorted(e.__dict__))


class Counter:
    total = 0

    def __init__(self):
        self.n = 0

    def inc(self, k=1):
        self.n += k
        Counter.total += k
        return self


c = Counter()
c.inc().inc(5).inc()
d = Counter()
d.inc(10)
print(c.n, d.n, Counter.total, c.total)
c.total = 99
print(c.total, Counter.total, d.total)

try:
    p.missing
except AttributeError as err:
    print("AttributeError:", err)
try:
    Point.missing
except AttributeError as err:
    print("AttributeError:", err)
try:
    Point()
except TypeError as err:
    print("TypeError:", err)
try:
    Point(1, 2, 3)
except TypeError as err:
    print("TypeError:", err)
try:
    Empty(1)
except TypeError as err:
    print("TypeError:", err)
try:
    p.norm2(1)
except TypeError as err:
    print("TypeError:", err)
try:
    del p.label
except AttributeError as err:
    print("AttributeError:", err)
print(p.missing_at_the_end)
