# Dict displays, item get/set/del, membership, iteration in insertion order, methods, views.
d = {"b": 1, "a": 2}
d["c"] = 3
d["a"] += 10
print(d, len(d), d["a"], "a" in d, "z" not in d, d.get("z"), d.get("z", 0))
del d["b"]
d["b"] = 4
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
for k in d:
    print(k, d[k], end="; ")
print()
for k, v in d.items():
    print(k, v, end="; ")
print()
print(d.pop("a"), d.pop("zz", "default"), d.setdefault("e", 5), d.setdefault("c", 99), d)
d.update({"x": 1}, y=2)
print(d, d.popitem(), d)
e = dict(d)
e.clear()
print(e, d == dict([("c", 3), ("b", 4), ("e", 5), ("x", 1)]), {1: "a"} == {1: "a"}, {} != {1: 2})
print(d.keys(), d.values(), d.items(), d.copy(), {1: [2, 3], (4, 5): {6: 7}}, dict())
nested = {}
nested.setdefault("list", []).append(1)
nested.setdefault("list", []).append(2)
print(nested, {k: v for k, v in [("a", 1), ("b", 2)]}, {i: i * i for i in range(4) if i != 2})
print(sorted({3: "c", 1: "a", 2: "b"}), {True: 1, 1: 2, 1.0: 3}, d.keys() & {"b", "q"}, {1: 2} | {3: 4})
