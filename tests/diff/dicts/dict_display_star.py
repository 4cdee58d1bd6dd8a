# `**` items in dict displays: CPython's order of evaluation, later keys winning, any mapping.
def f(tag, v):
    print("eval", tag)
    return v
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print({**a})
print({**a, **b})
print({"y": 0, **a, "w": 4, **b, "y": 99})
print({f("k1", 1): f("v1", "a"), **f("m", {2: "b"}), f("k2", 3): f("v2", "c"), f("k3", 4): f("v3", "d")})
print({**{}}, {**a, **a} == a, {**a} is a)
class M:
    def __init__(self):
        self.d = {"p": 1, "q": 2}
    def keys(self):
        print("keys()")
        return ["q", "p"]
    def __getitem__(self, k):
        return self.d[k] * 10
print({**M(), "r": 3})
from collections import OrderedDict, Counter
print({**OrderedDict(a=1), **Counter("aab")})
d = {1: "one"}
e = {**d}
e[2] = "two"
print(d, e)
