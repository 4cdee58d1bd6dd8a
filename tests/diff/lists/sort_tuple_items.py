# Tuples compared item by item: after equal first items, the later items are small ints, strs,
# floats (NaN, -0.0 and 0.0 among them), big ints, mixed numbers and objects
# with their own == and <, in the order CPython's unsafe_tuple_compare reaches them.
nan = float("nan")


class E:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("E.__eq__", self.v, other.v)
        return self.v == other.v

    def __lt__(self, other):
        print("E.__lt__", self.v, other.v)
        return self.v < other.v

    def __repr__(self):
        return f"E({self.v})"


rows = []
x = 5
for i in range(120):
    x = (x * 1103515245 + 12345) % 2147483648
    rows.append(("k" + str(x % 3), x % 4, "v" + str(x % 5), (x % 7) / 2.0, i))
print(sorted(rows)[:10])
print(sorted(rows, reverse=True)[:10])
print(sorted(rows, key=lambda r: (r[1], r[2], -r[3]))[:10])
print(sorted(rows, key=lambda r: (r[3], r[1]))[:10])
print(sorted([(1, nan, "a"), (1, 0.5, "b"), (1, nan, "c"), (1, -0.0, "d"), (1, 0.0, "e")]))
same = (1, nan)
print(sorted([same, (1, 2.0), same, (1, 0.0)]))
print(sorted([(0, 10**30), (0, -10**30), (0, 5), (0, 2.5), (0, True)]))
print(sorted([("a", "é"), ("a", "e"), ("a", "\u20ac"), ("a", ""), ("a", "ea")]))
print(sorted([(3, E(2)), (3, E(1)), (3, E(2))]))
print(sorted([(1, 2, 3), (1, 2), (1, 2, 3, 0), (1, 2, 2)]))
print(sorted([(0.5, "x"), (nan, "y"), (0.5, "w"), (-0.0, "v"), (0.0, "u")]))
print(sorted([("b", 1), ("a", 2), ("b", 0), ("a", 1)], reverse=True))
try:
    sorted([(1, "a"), (1, 2)])
except TypeError as e:
    print("TypeError:", e)
print(sorted([(1, [2, 1]), (1, [1, 5]), (1, [2])]))
sorted([(5, "a"), (5, None), (5, "b")])
