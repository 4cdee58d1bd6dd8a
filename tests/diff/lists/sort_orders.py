# Sorting through each of the comparisons the pre-sort check picks: plain ints, floats (NaN
# included), strs sharing long prefixes (ASCII and not), tuples by their first items, and the
# rich comparison; with and without key=, reversed; the order a failed sort leaves behind.
words = []
x = 11
for i in range(300):
    x = (x * 1103515245 + 12345) % 2147483648
    stem = ["", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghabcdefgh", "é", "\u20ac"][x % 7]
    words.append(stem + chr(97 + x % 5) * (x % 3))
print(sorted(words)[:20])
print(sorted(words, reverse=True)[:20])
print(sorted(words, key=len)[:10])
print(sorted(set(words)))

nums = [(i * 7919) % 101 - 50 for i in range(200)]
print(sorted(nums)[:15], sorted(nums, reverse=True)[:15])
print(sorted(nums, key=lambda n: n % 10)[:25])
floats = [((i * 37) % 23) / 7 for i in range(50)] + [float("nan"), -0.0, 0.0]
print(sorted(floats)[:10])
print(sorted([3.0, float("nan"), 1.0, 2.0, float("nan"), 0.5]))

pairs = [(n % 5, w) for n, w in zip(nums, words)]
print(sorted(pairs)[:12])
print(sorted(pairs, reverse=True)[:12])
print(sorted(pairs, key=lambda p: (p[1], -p[0]))[:12])
print(sorted([(w, n) for n, w in zip(nums, words)])[:8])
print(sorted([(1.5, "b"), (1.5, "a"), (0.5, "z"), (float("nan"), "q")]))
print(sorted([(1, 2), (1,), (0, 5, 6), (1, 2, 3), (0,)]))

# Stability: equal keys keep their order, forwards and reversed.
recs = [(i % 4, i) for i in range(30)]
print(sorted(recs, key=lambda r: r[0]))
print(sorted(recs, key=lambda r: r[0], reverse=True))

# The rich comparison: bools, big ints, mixed int/float, a class with __lt__.
print(sorted([True, False, 2, -1, 10**30, 2.5, -10**20]))
class V:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v < other.v
    def __repr__(self):
        return f"V({self.v})"
print(sorted([V(3), V(1), V(2)]), sorted([V(3), V(1), V(2)], reverse=True))

# A failed sort leaves the list a permutation, in the order the sort reached.
mixed = [5, 3, "a", 1, 4, 2, "b", 0]
try:
    mixed.sort()
except TypeError as e:
    print("TypeError:", e)
print(mixed)
tk = [(1, "a"), (1, 2), (0, "c"), (1, "b")]
try:
    tk.sort()
except TypeError as e:
    print("TypeError:", e)
print(tk)
keyed = list(range(10))
try:
    keyed.sort(key=lambda n: (0, "s") if n % 3 else (0, n))
except TypeError as e:
    print("TypeError:", e)
print(keyed)
