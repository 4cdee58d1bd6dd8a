# functools.total_ordering: the missing comparisons from each possible root, NotImplemented passed
# through, inherited roots of this module's classes.
from functools import total_ordering, reduce
import functools


@total_ordering
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts == other.parts

    def __lt__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return self.parts < other.parts

    def __repr__(self):
        return "v" + ".".join(map(str, self.parts))


a, b, c = Version(1, 2), Version(1, 10), Version(1, 2)
print(a < b, a <= b, a > b, a >= b, a <= c, a >= c, a > c, sorted([b, a, Version(0, 9)]), max(a, b))
print(Version.__gt__(a, 5), a.__ge__(3))
try:
    a < 3
except TypeError as e:
    print(e)
try:
    a >= "x"
except TypeError as e:
    print(e)


@functools.total_ordering
class Money:
    def __init__(self, c):
        self.c = c

    def __eq__(self, o):
        return self.c == o.c

    def __ge__(self, o):
        return self.c >= o.c


m, n = Money(5), Money(7)
print(m < n, m <= n, m > n, m >= n, n > m, Money(5) <= Money(5), Money(5) < Money(5))


@total_ordering
class Base:
    def __init__(self, k):
        self.k = k

    def __eq__(self, o):
        return self.k == o.k

    def __le__(self, o):
        return self.k <= o.k


@total_ordering
class Child(Base):
    def __gt__(self, o):
        return self.k > o.k


print(Child(1) < Child(2), Child(3) >= Child(2), Base(1) > Base(0), len(sorted([Child(3), Child(1)], key=lambda x: x)))
print(reduce(lambda x, y: x if x > y else y, [Version(1), Version(3), Version(2)]))
