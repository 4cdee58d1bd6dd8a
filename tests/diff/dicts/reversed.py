# reversed() of dicts and their views (CPython 3.8+): the reverse iterators' types, order after
# deletions and re-insertions, the size-change error (sticky), OrderedDict, Counter, defaultdict.
from collections import OrderedDict, Counter, defaultdict
d = {"a": 1, "b": 2, "c": 3}
print(list(reversed(d)), list(reversed(d.keys())), list(reversed(d.values())), list(reversed(d.items())))
del d["b"]
d["z"] = 9
print(list(reversed(d)), d.__reversed__().__class__.__name__)
r = reversed(d)
print(type(r).__name__, type(reversed(d.values())).__name__, type(reversed(d.items())).__name__)
print(next(r))
d["q"] = 1
try:
    next(r)
except RuntimeError as e:
    print("RuntimeError", e)
try:
    next(r)
except RuntimeError as e:
    print("again", e)
e = {}
print(list(reversed(e)), list(reversed(e.items())))
it = reversed({1: 2})
print(list(it), list(it))
o = OrderedDict(a=1, b=2)
o.move_to_end("a")
print(list(reversed(o)), list(reversed(o.items())))
c = Counter("abracadabra")
print(list(reversed(c)))
dd = defaultdict(int, x=1, y=2)
print(list(reversed(dd)), list(reversed(dd.values())))
d2 = {i: i * i for i in range(10)}
for k in list(d2):
    if k % 3:
        del d2[k]
print(list(reversed(d2.items())), len(d2))
try:
    reversed(d, 1)
except TypeError as ex:
    print(ex)
try:
    d.__reversed__(1)
except TypeError as ex:
    print(ex)
k = reversed(d.keys())
d.pop("a")
print(list(k))
