# collections.defaultdict: the factory on a missing key, dict behaviour, reprs, copies, `|`.
from collections import defaultdict

groups = defaultdict(list)
for word in "apple avocado banana blueberry cherry apricot".split():
    groups[word[0]].append(word)
print(groups)
print(groups["a"], len(groups), "b" in groups, "z" in groups, groups.get("z"), len(groups))
print(groups["z"], len(groups), sorted(groups))

counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(counts, counts.default_factory, dict(counts))
print(counts == {"m": 1, "i": 4, "s": 4, "p": 2}, counts != dict(counts))
print(list(counts.items()), list(counts.keys()), list(counts.values()))
print(counts.pop("m"), counts.setdefault("q", 7), counts)

nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 2
nested["x"]["z"] -= 1
print(dict(nested["x"]), nested["w"]["v"], len(nested))

plain = defaultdict()
print(plain, plain.default_factory)
print(defaultdict(None, {1: 2}), defaultdict(str, [(1, "a")], b=3), defaultdict(float, x=1.5))
s = defaultdict(set)
s[1].add(2)
print(s, s.__missing__(9), s)

c = counts.copy()
c["new"] += 5
print(type(c).__name__, c["new"], "new" in counts, c.default_factory is int)
u = counts | {"m": 9}
print(type(u).__name__, u["m"], u.default_factory)
v = {"k": 1} | counts
print(type(v).__name__, v["k"])
counts |= {"zz": 3}
print(counts["zz"], type(counts).__name__)

counts.default_factory = list
print(counts["fresh"], counts.default_factory)
counts.default_factory = None
try:
    counts["missing"]
except KeyError as e:
    print("KeyError", e)


class Node:
    def __init__(self):
        self.kids = defaultdict(Node)


root = Node()
root.kids["a"].kids["b"]
print(sorted(root.kids), sorted(root.kids["a"].kids), isinstance(root.kids, dict))

r = defaultdict(list)
r["self"] = r
print(r)
f = defaultdict(lambda: 0)
print(f[1], dict(f))
print(sorted(defaultdict(int, {3: 1, 1: 2}).items()))
for k in defaultdict(int, a=1, b=2):
    print(k)
