# Every error of collections.deque, with CPython's type and message.
from collections import deque

d = deque([1, 2])
cases = [
    lambda: d.insert(1),
    lambda: d.index(),
    lambda: d.index(1, 2, 3, 4),
    lambda: d.rotate(1, 2),
    lambda: d.insert("a", 1),
    lambda: d.rotate("x"),
    lambda: d.insert(2**70, 1),
    lambda: d.rotate(2**70),
    lambda: deque([], 2**70),
    lambda: deque([], "x"),
    lambda: deque([], 1.5),
    lambda: d.append(),
    lambda: d.pop(1),
    lambda: d["a"],
    lambda: d[2],
    lambda: d[-3],
    lambda: d.index(1, "a"),
    lambda: deque(1),
    lambda: deque([], -1),
    lambda: d + [1],
    lambda: [1] + d,
    lambda: hash(d),
    lambda: d.foo,
    lambda: deque(a=1),
    lambda: deque([], 1, 2),
    lambda: d.index(9),
    lambda: d.index(1, 1),
    lambda: d.remove(9),
    lambda: deque().pop(),
    lambda: deque().popleft(),
    lambda: deque([1], maxlen=1).insert(0, 2),
    lambda: d < [1],
    lambda: d.append(1, 2),
    lambda: d.extend(5),
    lambda: d.count(),
    lambda: d.maxlen(),
]
for i, f in enumerate(cases):
    try:
        r = f()
        print(i, "ok", r)
    except Exception as e:
        print(i, type(e).__name__, e)


def assign(key):
    d[key] = 0


def delete(key):
    del d[key]


for key in ["a", 5, -5, 1.0]:
    for f in (assign, delete):
        try:
            f(key)
            print("ok", d)
        except Exception as e:
            print(type(e).__name__, e)

# Mutation while iterating, counting and searching.
m = deque([1, 2, 3])
try:
    for v in m:
        m.append(v)
except RuntimeError as e:
    print("RuntimeError", e, len(m))
try:
    for v in reversed(m):
        m.popleft()
except RuntimeError as e:
    print("RuntimeError", e, len(m))


class Evil:
    def __eq__(self, other):
        m.append(0)
        return False


for f in (lambda: m.count(Evil()), lambda: Evil() in m, lambda: m.index(Evil()), lambda: m.remove(Evil())):
    try:
        f()
    except (RuntimeError, IndexError) as e:
        print(type(e).__name__, e)

deque([1, 2, 3]).pop(7)
