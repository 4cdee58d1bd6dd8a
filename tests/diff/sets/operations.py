# Set algebra and membership in loops; sets of tuples; frozensets as dict keys.
evens = {x for x in range(20) if x % 2 == 0}
threes = {x for x in range(20) if x % 3 == 0}
print(evens & threes, evens | threes, evens - threes, evens ^ threes, sorted(evens.symmetric_difference(threes)))
seen = set()
dups = []
for x in [3, 1, 3, 2, 1, 5]:
    if x in seen:
        dups.append(x)
    seen.add(x)
print(seen, dups, len(seen))
pairs = {(i, j) for i in range(3) for j in range(3) if i < j}
print(pairs, (0, 1) in pairs)
groups = {frozenset({1, 2}): "a", frozenset({3}): "b"}
print(groups[frozenset({2, 1})], frozenset({3}) in groups, groups)
s = set("abracadabra")
s.update("xyz")
s.difference_update({"x"})
s.intersection_update(set("abcdyz"))
print(sorted(s), s.issuperset({"a"}), {1, 2}.isdisjoint({3}))
