# bisect: both sides, bounds, key=, insort into lists and other sequences, errors.
import bisect
from bisect import bisect_left, bisect_right, insort

a = [1, 2, 2, 2, 3, 5, 8]
for x in [0, 1, 2, 4, 8, 9]:
    print(x, bisect_left(a, x), bisect_right(a, x), bisect.bisect(a, x))
print(bisect_left(a, 2, 2), bisect_right(a, 2, 0, 3), bisect_left(a, 5, hi=None), bisect_right(a, 2, lo=4))
print(bisect_left(a, 2, 0, -1), bisect_left("abcdef", "c"), bisect_right((1, 3, 5), 3), bisect_left(range(0, 100, 5), 42))
grades = "FDCBA"
breakpoints = [60, 70, 80, 90]
print([grades[bisect.bisect(breakpoints, s)] for s in [33, 99, 77, 70, 89, 90, 100]])
s = []
for x in [5, 1, 4, 1, 5, 9, 2, 6]:
    insort(s, x)
print(s)
bisect.insort_left(s, 5)
bisect.insort_right(s, 0)
print(s)
recs = [(1, "a"), (3, "c"), (5, "e")]
bisect.insort(recs, (4, "d"), key=lambda r: r[0])
print(recs, bisect_left(recs, 3, key=lambda r: r[0]), bisect_right(recs, 3, key=lambda r: r[0]))


class Seq:
    def __init__(self):
        self.items = [10, 20, 30]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def insert(self, i, x):
        print("insert", i, x)
        self.items.insert(i, x)


q = Seq()
insort(q, 25)
print(q.items, bisect_left(q, 30))
for f in [lambda: bisect_left(a, 1, -1), lambda: bisect_left(a), lambda: bisect_left(a, 1, "x"), lambda: bisect_left(a, 1, 0, "y"),
          lambda: bisect_left(5, 1), lambda: bisect_left([1, "a"], 2), lambda: bisect_left(a, 1, key=5), lambda: bisect_left(a, 1, 0, 9),
          lambda: bisect_left(a, 1, 0, 1, 2), lambda: bisect_left(a, 1, k=1)]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
