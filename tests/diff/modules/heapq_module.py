# heapq: the heap's list holds CPython's items in CPython's places after every operation.
import heapq
from heapq import heappop, heappush, nlargest, nsmallest

h = []
for x in [5, 3, 8, 1, 9, 2, 7, 3, 0, 6]:
    heappush(h, x)
    print(h)
print([heappop(h) for _ in range(4)], h)
data = [9, 4, 7, 1, 8, 2, 6, 3, 5, 0, 11, 10]
heapq.heapify(data)
print(data)
print(heapq.heapreplace(data, 12), data)
print(heapq.heappushpop(data, -1), heapq.heappushpop(data, 4), data)
print(heapq.heappushpop([], 3))
pairs = [(3, "c"), (1, "a"), (2, "b"), (1, "z")]
heapq.heapify(pairs)
print(pairs, [heapq.heappop(pairs) for _ in range(len(pairs))])
big = [(i * 7919) % 3001 for i in range(3000)]
heapq.heapify(big)
print(big[:12], sum(big[::97]))
print(nsmallest(3, [5, 1, 4, 1, 5, 9, 2, 6]), nlargest(3, [5, 1, 4, 1, 5, 9, 2, 6]))
print(nsmallest(2, ["bb", "a", "ccc", "dd"], key=len), nlargest(2, ["bb", "a", "ccc", "dd"], key=len))
print(nsmallest(1, [3, 1, 2]), nlargest(1, []), nsmallest(0, [1]), nlargest(10, range(4)), nsmallest(-1, [1]))
print(nlargest(2, iter([1, 3, 2])), nsmallest(2, {"x": 2, "y": 1}), nlargest(1, [(1, "b"), (1, "a")], key=lambda t: t[0]))


class Task:
    def __init__(self, prio, name):
        self.prio, self.name = prio, name

    def __lt__(self, other):
        return self.prio < other.prio

    def __repr__(self):
        return f"Task({self.prio}, {self.name!r})"


q = []
for t in [Task(3, "write"), Task(1, "read"), Task(2, "test"), Task(1, "lint")]:
    heappush(q, t)
print(q, heappop(q), heappop(q), q)
for f in [lambda: heappop([]), lambda: heapq.heapreplace([], 1), lambda: heappush((), 1), lambda: heappop(5),
          lambda: heappush([]), lambda: heapq.heapify(), lambda: heappush([1, "a"], 2), lambda: heappush(h, 1, x=2),
          lambda: nsmallest(2.5, [1, 2, 3])]:
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
