# Generator expressions: lazy, their own scope, the first iterable evaluated at once.

nums = [3, 1, 4, 1, 5, 9, 2, 6]
print(sum(x * x for x in nums))
print(max(x for x in nums if x % 2 == 0), min((x for x in nums), default=None))
print(any(x > 8 for x in nums), all(x > 0 for x in nums))
print(sorted((x for x in nums), reverse=True))
print(", ".join(str(x) for x in nums))
print(list((x, y) for x in range(3) for y in range(x)))
print(sorted(set(c.upper() for c in "hello")))
print(dict((w, len(w)) for w in ["a", "bb", "ccc"]))
print(tuple(x / 2 for x in range(4)))

g = (x * 10 for x in range(3))
print(type(g).__name__, g.__name__)
print(next(g), list(g), list(g))

# Late binding: the generator reads the enclosing variable when it runs.
k = 1
lazy = (x * k for x in range(3))
k = 100
print(list(lazy))


def scaled(factor):
    return (x * factor for x in range(4))


print(list(scaled(3)))


def nested():
    rows = [[1, 2], [3, 4], [5]]
    return list(sum(v for v in row) for row in rows)


print(nested())

# The first iterable is evaluated (and iter()ed) where the expression stands.
try:
    bad = (x for x in 42)
except TypeError as e:
    print("TypeError:", e)

# The other iterables and the conditions run lazily.
def lazy_error():
    return (1 / x for x in [1, 0])


it = lazy_error()
print(next(it))
try:
    next(it)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)

# Strings, floats and ints through the same expression.
mixed = [1, "two", 3.0]
print(list(repr(m) for m in mixed))
total = 0
for sq in (i * i for i in range(1, 6)):
    total += sq
print(total)


class Box:
    def __init__(self, items):
        self.items = items

    def doubled(self):
        return list(i * 2 for i in self.items)


print(Box([1, 2, 3]).doubled())
