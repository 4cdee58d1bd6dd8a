# Classes deriving from dict: construction, inherited behaviour, overrides, attributes.


class Counter(dict):
    def __missing__(self, key):
        return 0


class Default(dict):
    def __init__(self, factory, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.factory = factory

    def __missing__(self, key):
        value = self[key] = self.factory()
        return value


class Lower(dict):
    def __setitem__(self, key, value):
        super().__setitem__(key.lower(), value)

    def __getitem__(self, key):
        return super().__getitem__(key.lower())

    def __contains__(self, key):
        return super().__contains__(key.lower())


class Attr(dict):
    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)

    def __setattr__(self, name, value):
        self[name] = value


c = Counter()
for w in "the cat and the hat and the bat".split():
    c[w] += 1
print(c, len(c), c["dog"], "dog" in c)
print(sorted(c.items()), type(c).__name__, isinstance(c, dict), type(c) is dict)
print(c == {"the": 3, "cat": 1, "and": 2, "hat": 1, "bat": 1}, c != {})

d = Default(list, a=[1])
d["b"].append(2)
d["a"].append(3)
print(d, d.factory, d.get("zz"), d.get("a"))

low = Lower()
low["ABC"] = 1
low["Def"] = 2
print(low, low["abc"], low["DEF"], "ABC" in low, "x" in low)
print(list(low), list(low.keys()), list(low.values()))

a = Attr(x=1)
a.y = 2
print(a, a.x, a.y, hasattr(a, "z"))

e = Counter({"k": 1}, j=2)
print(e, e.pop("k"), e, e.setdefault("m", 5), e)
e.update({"n": 1})
e |= {"o": 2}
print(e, e | {"p": 3}, type(e | {}).__name__, type(e.copy()).__name__)
del e["n"]
print(e, bool(e), bool(Counter()), repr(Counter()))
e.tag = "t"
print(e.tag, e.__dict__, vars(e))
print([k for k in e], {**e}, dict(e))


class Plain(dict):
    pass


p = Plain([(1, 2), (3, 4)])
print(p, p[1], len(p), p.keys(), p.items())
try:
    p[5]
except KeyError as ex:
    print("KeyError", ex)
print(isinstance(p, Plain), issubclass(Plain, dict), Plain.__mro__)
print(p.__getitem__(3), p.__len__(), p.__contains__(1))
nested = Plain(inner=Plain(x=1))
print(nested, nested["inner"]["x"])
cyc = Plain()
cyc["self"] = cyc
print(cyc)


class Doubling(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)


fk = Doubling.fromkeys("ab", 1)
print(fk, type(fk).__name__, type(Doubling().fromkeys([1], 0)).__name__, dict.fromkeys("x"), {}.fromkeys("y"))
