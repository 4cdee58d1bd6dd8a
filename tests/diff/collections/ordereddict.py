# collections.OrderedDict: order-sensitive equality, move_to_end, popitem(last=), reprs, views.
from collections import OrderedDict

o = OrderedDict()
o["b"] = 1
o["a"] = 2
o["c"] = 3
print(o, list(o), o.keys(), o.values(), o.items())
o.move_to_end("b")
print(o)
o.move_to_end("b", last=False)
print(o)
o.move_to_end("c", False)
print(list(o.items()), len(o), "a" in o)
print(o.popitem(), o.popitem(last=False), o)
o.update([("x", 9)], y=10)
o.update({"z": 0})
print(o, o.get("x"), o.setdefault("w", 5), o.pop("x"), o)
p = OrderedDict([(1, "a"), (2, "b")])
q = OrderedDict([(2, "b"), (1, "a")])
print(p == q, p != q, p == dict(q), dict(p) == q, p == {1: "a", 2: "b"})
print(OrderedDict(), OrderedDict(a=1, b=2), OrderedDict({"k": [1, 2]}))
print(list(reversed(p)), p.copy(), type(p.copy()).__name__, p | {3: "c"}, {0: "z"} | p)
p |= {9: "n"}
print(p, isinstance(p, dict), type(p))
r = OrderedDict()
r["me"] = r
print(r)
del p[1]
print(p, sorted(p.values()))
lru = OrderedDict()
for k in [1, 2, 3, 1, 4, 2, 5]:
    if k in lru:
        lru.move_to_end(k)
    lru[k] = k * k
    if len(lru) > 3:
        lru.popitem(last=False)
print(lru)
for err in [lambda: OrderedDict().popitem(), lambda: o.move_to_end("nope"), lambda: OrderedDict(1, 2),
            lambda: o.update(1, 2), lambda: hash(o), lambda: OrderedDict(5)]:
    try:
        err()
    except Exception as e:
        print(type(e).__name__, e)
