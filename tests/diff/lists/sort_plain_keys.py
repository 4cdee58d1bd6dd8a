# Sorts whose comparisons cannot be observed (plain keys) next to ones that can.
import random
rng = random.Random(5)
ints = [rng.randrange(-50, 50) for _ in range(300)]
recs = [(rng.randrange(10), "k" + str(rng.randrange(7)), i) for i in range(300)]
print(sorted(ints)[:20], sorted(ints, reverse=True)[:20])
print(sorted(recs, key=lambda r: r[0])[:12])
print(sorted(recs, key=lambda r: r[0], reverse=True)[:12])
print(sorted(recs, key=lambda r: r[1])[:12])
print(sorted(recs, key=lambda r: r[1], reverse=True)[:12])
print(sorted(recs, key=lambda r: (r[1], -r[0]))[:12])
print(sorted(recs, key=lambda r: (r[1], -r[0]), reverse=True)[:12])
print(sorted(recs, key=lambda r: (r[1],) if r[2] % 3 else (r[1], r[0]))[:15])
fl = [rng.random() - 0.5 for _ in range(100)] + [0.0, -0.0, 0.0, -0.0]
print(sorted(fl)[:5], [str(x) for x in sorted(fl) if x == 0])
print(sorted(enumerate(fl), key=lambda p: p[1])[:5])
nan = float("nan")
print(sorted([3.0, nan, 1.0, 2.0, nan, 0.5]))
print(sorted([(1.0, "a"), (nan, "b"), (0.5, "c")]))
print(sorted(["b", "é", "a", "ß", "Z", "", "ab", "a\x00", "a"]))
print(sorted([("b", 2), ("a", 2.5), ("a", 1)]))
print(sorted([(2, "x"), (1, 3.5), (1, 2)]))
print(sorted([(), (1,), (0, 1)], key=lambda t: t or (0,)))
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
print(sorted(words, key=lambda w: (len(w), w)))
print(sorted([(1, "a"), (1, 2)] * 3, key=lambda t: t[0]))
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o):
        print("lt", self.v, o.v)
        return self.v < o.v
    def __repr__(self): return f"K({self.v})"
print(sorted([(1, K(3)), (1, K(1)), (0, K(2))]))
class T(tuple):
    def __lt__(self, other):
        print("T.lt", tuple(self), tuple(other))
        return tuple.__lt__(other, self)
print([tuple(t) for t in sorted([T((1, "a")), T((2, "b")), T((0, "c"))])])
print(sorted([True, 1, 0, False, 2]))
print(sorted([(True, 1), (1, 0), (0, 5)]))
print(sorted([10**20, 5, -10**20, 7]))
try:
    sorted([(1, "a"), (1, 2)])
except TypeError as e:
    print("TypeError:", e)
try:
    sorted([("a", 1), ("a", "b"), ("c", 2)])
except TypeError as e:
    print("TypeError:", e)
sorted([(1, 2), (1, [3])])
