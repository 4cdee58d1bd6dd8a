# collections.Counter: counting, most_common, elements, update/subtract, arithmetic, reprs.
from collections import Counter

c = Counter("abracadabra")
print(c, len(c), c["a"], c["z"], "z" in c, len(c))
print(c.most_common(), c.most_common(2), c.most_common(0), c.most_common(-1), c.most_common(99))
print(sorted(c.elements()), "".join(c.elements()), c.total())
words = "the cat and the hat and the bat".split()
w = Counter(words)
print(w, w.most_common(1), list(w), list(w.items()))
print(Counter(), Counter({"x": 3, "y": -1}), Counter(a=2, b=1), Counter([1, 1, 2], b=5))

u = Counter("aab")
u.update("abc")
print(u)
u.update({"a": 10, "q": 1})
print(u)
u.update(z=3)
u.subtract("aaz")
print(u)
u.subtract({"b": 5}, c=1)
print(u, u.total())
e = Counter()
e.update({"k": 2})
print(e)

p = Counter(a=3, b=1, c=-2)
q = Counter(a=1, b=2, d=4)
print(p + q, p - q, p | q, p & q, +p, -p)
print(q - p, q | p, q & p)
r = Counter(a=1)
r += Counter(a=2, b=-1)
print(r)
r -= Counter(a=1, c=-3)
print(r)
r |= Counter(a=9, x=0)
print(r)
r &= Counter(a=4, c=1)
print(r)

print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) != Counter(a=2), Counter(a=1) == {"a": 1})
print(Counter(a=1) <= Counter(a=2), Counter(a=1) < Counter(a=1), Counter(a=2) >= Counter(a=1, b=0))
print(Counter(a=1) > Counter(), Counter("ab") < Counter("abc"))

del c["a"]
del c["nothing"]
print(c, c.get("a"), c.get("b"), c.copy() == c, type(c.copy()).__name__)
c["new"] = 7
c["b"] += 1
print(c.most_common(3), isinstance(c, dict), isinstance(c, Counter), type(c))
print(Counter({"x": "s", "y": 1}), repr(Counter({1: 1.5, 2: 2.5})))
print(sorted(Counter("hello world").items()), dict(Counter("aab")))
print(Counter("aab") | {"b": 5}, {"z": 1} | Counter("a"))
m = Counter("mississippi")
for letter, n in m.most_common():
    print(letter, n)
print(max(m, key=m.get), sum(m.values()), [k for k, v in m.items() if v > 1])
