# Sorting by tuple keys: CPython's tuple comparison (first differing item), with ties, prefixes,
# big ints, floats with NaN, mixed first items (the generic comparison) and errors.
recs = [(3, "b", 2 ** 70), (1, "a", 5), (3, "a", -1), (1, "a", 2 ** 70), (2, "c", 0), (3, "b", 7)]
print(sorted(recs, key=lambda r: (r[0], r[1])))
print(sorted(recs, key=lambda r: (r[1], -r[0], r[2])))
print(sorted(recs, key=lambda r: (r[2], r[0]), reverse=True))
print(sorted(["bb", "a", "b", "ab"], key=lambda s: (len(s), s)))
print(sorted([(1,), (1, 0), (0, 5), ()], key=lambda t: t))
nan = float("nan")
print(sorted([(2.5, "x"), (nan, "y"), (0.5, "z"), (2.5, "a")], key=lambda t: t))
print(sorted([(1, "x"), (1.5, "y"), (True, "z"), (0, "w")], key=lambda t: t))
print(sorted([("b", 1), ("a", 2), ("b", 0)], key=lambda t: t))
try:
    sorted([(1, "a"), (1, 2)], key=lambda t: t)
except TypeError as e:
    print(e)
try:
    sorted([(1, 2), ("a", 2)], key=lambda t: t)
except TypeError as e:
    print(e)
