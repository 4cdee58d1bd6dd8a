# Every path of the dict lookup: the code-free probe (identity; exact strs equal but not
# identical, compared by text; small ints of equal hash but unequal value) and the generic
# lookup (`==` of other keys, restarted when a key's `__eq__` changes the dict); inserts into
# the slot the probe ended on, dummies left by deletions, resizes, mixed key types, big
# `__hash__` values, and KeyError with the key's repr.

# Exact str keys equal but not identical (built at run time).
d = {}
for w in ["alpha", "beta", "gamma", "mu", "x", "", "a-much-longer-key-of-many-bytes", "twelve-bytes"]:
    d[w] = len(w)
for w in ["alpha", "beta", "gamma", "mu", "x", "", "a-much-longer-key-of-many-bytes", "twelve-bytes"]:
    k = "".join([c for c in w])
    d[k] = d[k] + 100
    print(repr(k), d[k], k in d, d.get(k), d.get(k + "?", "missing"))
print(d)
# Texts of equal length and equal first/last words but different middles.
e = {"abcdefghij": 1, "abcdXfghij": 2, "abcdefgh": 3, "abcdefgX": 4, "abc": 5, "abX": 6}
for k in ["abcdefghij", "abcdXfghij", "abcdefgh", "abcdefgX", "abc", "abX", "abcdefgY", "aXc"]:
    print(k, e.get("".join(list(k))))
# Non-ASCII text.
u = {"héllo": 1, "日本": 2, "日本語": 3}
print(u["".join(["h", "é", "llo"])], u["日" + "本"], "日本語"[:2] in u, u.get("日本語"[1:]))

# Equal hashes, unequal values: hash(-1) == hash(-2) == -2.
print(hash(-1), hash(-2))
h = {-1: "minus one", -2: "minus two"}
print(h[-1], h[-2], h.get(-3), -1 in h, -2 in h)
del h[-1]
print(h, -1 in h, h[-2])
h[-1] = "again"
print(h)
# Ints that collide in a small table (same low bits) and a big int.
c = {}
for i in range(0, 8 * 40, 8):
    c[i] = i // 8
big = 2 ** 100
c[big] = "big"
c[2 ** 61 - 1] = "modulus"
c[0 - 2 ** 62] = "small min"
print(len(c), c[0], c[312], c[big], c[2 ** 100], c[2 ** 61 - 1], c[-(2 ** 62)], c.get(2 ** 61 - 2))
print(hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 62)), 2 ** 61 - 1 in c, 0 in c, 2 ** 61 in c)
# A small int and a big int of the same hash (1) in one table.
c[2 ** 61] = "2^61"
c[1] = "one"
print(c[1], c[2 ** 61], c.get(2 ** 122), 1.0 in c, len(c))

# int, str, tuple, float, bool and None keys in one dict; numerically equal keys are one key.
m = {1: "int", "1": "str", (1, "1"): "tuple", 1.5: "float", None: "none"}
print(m[1], m[1.0], m[True], m["1"], m[(1, "1")], m[(1.0, "1")], m[1.5], m[None])
m[1.0] = "float one"
m[True] = "true"
print(m, len(m))
m[2] = "two"
print(m[2.0], 2.0 in m, m.get(2.5, "no 2.5"))
t = (1, 2, (3, 4))
m[t] = "nested"
print(m[(1, 2, (3, 4))], m[tuple([1, 2, (3, 4)])])

# A dict of str keys only, then switching to mixed keys.
s = {}
for i in range(20):
    s["k" + str(i)] = i
print(s["k" + str(7)], "k19" in s, "k20" in s)
s[20] = "int key"
s[(1, 2)] = "tuple key"
for i in range(20, 30):
    s["k" + str(i)] = i
print(s["k25"], s[20], s[(1, 2)], len(s), list(s)[18:24])

# Deletions (dummies) followed by lookups and inserts, through several resizes.
g = {}
for i in range(1000):
    g[i] = i * i
for i in range(0, 1000, 3):
    del g[i]
print(len(g), g.get(3), g.get(4), 999 in g, 998 in g)
for i in range(0, 1000, 3):
    g[i] = -i
print(len(g), g[3], g[4], list(g)[:5], list(g)[-5:])
for i in range(1000):
    if i % 7:
        g.pop(i)
print(len(g), list(g)[:10])
ws = {}
for i in range(300):
    ws["w" + str(i)] = i
    if i % 2:
        del ws["w" + str(i - 1)]
print(len(ws), list(ws)[:4], ws.get("w10"), ws.get("w11"), ws.setdefault("w12", "set"), ws.setdefault("w13", "kept"))
print(ws.pop("w299"), ws.pop("w298", "gone"), len(ws))


# A user class: its own hash (a big value too) and equality.
class Key:
    def __init__(self, name, h):
        self.name = name
        self.h = h

    def __hash__(self):
        return self.h

    def __eq__(self, other):
        return isinstance(other, Key) and self.name == other.name

    def __repr__(self):
        return "Key(" + repr(self.name) + ")"


k1 = Key("a", 2 ** 70)
k2 = Key("b", 2 ** 70)
k3 = Key("c", -1)
uk = {k1: 1, k2: 2, k3: 3}
print(hash(k1), hash(k3), uk[Key("a", 2 ** 70)], uk[Key("b", 2 ** 70)], uk[Key("c", -1)], Key("d", 2 ** 70) in uk)
uk[Key("a", 2 ** 70)] = 10
print(uk)


# A key whose __eq__ changes the dict during a lookup: CPython restarts the lookup.
class Mutator:
    def __init__(self, target, action):
        self.target = target
        self.action = action

    def __hash__(self):
        return 7

    def __eq__(self, other):
        if self.action == "clear":
            self.target.clear()
        elif self.action == "grow":
            for i in range(100, 120):
                self.target[i] = i
        elif self.action == "delete":
            del self.target[other]
        return False

    def __repr__(self):
        return "Mutator(" + self.action + ")"


for action in ["clear", "grow", "delete"]:
    target = {}
    a = Mutator(target, "none")
    target[a] = "first"
    probe = Mutator(target, action)
    print(action, probe in target, len(target), target.get(probe, "absent"))
    target[probe] = "stored"
    print(action, len(target), target[probe])

# A key of another class equal to a str (and of its hash) is compared with `==` both ways.
class StrLike:
    def __init__(self, text):
        self.text = text

    def __hash__(self):
        return hash(self.text)

    def __eq__(self, other):
        return other == self.text


n = {"plain": 1, "other": 2}
print(n[StrLike("plain")], StrLike("other") in n, StrLike("none") in n)
n[StrLike("new")] = 3
print(n["".join(["n", "e", "w"])], "new" in n, len(n))
n["new"] = 4
print(n[StrLike("new")], len(n))

# KeyError carries the key's repr.
for missing in ["nope", "".join(["no", "pe"]), 12345, (1, "a"), 2.5, Key("zz", 2 ** 70)]:
    try:
        print(d[missing])
    except KeyError as err:
        print("KeyError", repr(err), err)
try:
    del g[-5]
except KeyError as err:
    print("del KeyError", err)
print(uk[Key("missing", 5)])
