# Dict and set operations: inserts, lookups, membership, deletes, set algebra, dict views.
x = 11
keys = []
for i in range(40000):
    x = (x * 1103515245 + 12345) % 2147483648
    keys.append(x % 50000)
d = {}
for k in keys:
    d[k] = d.get(k, 0) + 1
hits = 0
for k in range(50000):
    if k in d:
        hits += d[k]
evens = {k for k in keys if k % 2 == 0}
small = set(range(0, 50000, 3))
both = evens & small
either = evens | small
only = evens - small
for k in list(d.keys()):
    if k % 5 == 0:
        del d[k]
total = 0
for k, v in d.items():
    total += k * v
names = {}
for k in keys[:20000]:
    s = "k" + str(k % 2000)
    names[s] = names.get(s, 0) + k
print(hits, len(both), len(either), len(only), len(d), total % 1000003, len(names), sum(names.values()))
