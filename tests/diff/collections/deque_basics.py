# collections.deque: construction, both ends, maxlen, rotation, indexing, comparisons, reprs.
from collections import deque

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d[2])
print(d.pop(), d.popleft(), d)
d.rotate()
print(d)
d.rotate(-2)
print(d)
d.rotate(10)
print(d, list(reversed(d)))
d.extend("ab")
d.extendleft([9, 8])
print(d, d.count(2), d.index(3), d.index("a", 2), d.index(2, -5, -1))
d.extend(d)
print(d)
d.remove(9)
del d[0]
d[0] = "z"
print(d)
print(d * 2, 2 * deque([1, 2]), d + deque([1]), deque([1]) * 0)
d *= 2
print(len(d))
d += [7, 8]
print(d[-3:] if False else d[-1])
d.clear()
print(d, bool(d), len(d))

# maxlen
b = deque(range(10), maxlen=3)
print(b, b.maxlen, deque().maxlen)
b.append(99)
print(b)
b.appendleft(-1)
print(b)
b.extend([5, 6])
print(b)
b.extendleft([7])
print(b)
print(deque(range(3), 0), deque([1, 2], maxlen=5) * 4, deque("abc", maxlen=2) + deque("xyz"))
z = deque([1], maxlen=4)
z *= 10
print(z)
print(deque(maxlen=None), deque(iterable=[1], maxlen=2), deque([], True))

# insert at every position
for i in range(-4, 5):
    s = deque([1, 2, 3])
    s.insert(i, "x")
    print(i, s)

# comparisons
print(deque() == deque(), deque([1]) < deque([2]), deque([1, 2]) > deque([1]))
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([2, 1]), deque([1]) == [1])
print(deque([1, 2]) <= deque([1, 2]), deque([1, 3]) >= deque([1, 2, 5]))
print(sorted([deque([2]), deque([1, 5]), deque([1])]))

# iteration, membership, copies
q = deque("hello")
print([c for c in q], "l" in q, "z" in q, list(reversed(q)), sorted(q))
c = q.copy()
c.append("!")
print(q, c, q == c)
print(type(q), type(q).__name__, isinstance(q, deque))
r = deque()
r.append(r)
print(r)
n = deque([[1], [2]])
n[0].append(9)
print(n, repr(n), str(n))
print(iter(q) is not iter(q), next(iter(q)), next(reversed(q)))
it = iter(deque([1, 2]))
print(list(it), list(it))
