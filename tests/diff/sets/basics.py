# Set displays (CPython's order, constant displays included), operations, methods.
print({10, 100, 1000}, {1000, 10, 100}, {3, 1, 2}, {-1, -2, 7}, {(1, 2), (3, 4), (0, 0)}, {1.5, 2.5, 0.5})
a = 5
print({a, 10, 100}, {a, a + 1}, set(), set([3, 2, 1, 2]), frozenset([2, 1]), frozenset())
s = {1, 2, 3}
s.add(4)
s.discard(1)
s.remove(2)
print(s, len(s), 3 in s, 9 in s, s | {7}, s & {3, 8}, s - {4}, s ^ {3, 5}, {1, 2} <= {1, 2, 3}, {1} < {1}, s.pop(), s)
t = set(range(10))
t -= {1, 2, 3}
t |= {100}
t &= set(range(50)) | {100}
print(t, sorted(t), t.union([200]), t.intersection({4, 5, 1000}), t.difference({4}), t.issubset(range(1000)), t.isdisjoint({-1}))
print({i % 4 for i in range(20)}, {c for c in "mississippi"} == set("misp"), hash(frozenset({1, 2})) == hash(frozenset({2, 1})))
big = set()
for i in range(0, 200, 7):
    big.add(i * 13 % 101)
print(big, len(big))
