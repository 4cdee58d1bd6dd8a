# The slot wrappers __iter__, __next__ and __len__ of builtin objects, read as attributes and
# called (StopIteration when exhausted, CPython's argument errors).
it = iter([1, 2])
print(it.__next__(), next(it), hasattr(it, "__next__"), hasattr(it, "__iter__"), it.__iter__() is it)
for src in [range(3), "ab", (1,), {1: 2}, {5}, b"xy", reversed([1, 2]), enumerate("a"), zip("a", "b"), map(abs, [-1]), filter(None, [1])]:
    i = iter(src)
    print(type(i).__name__, i.__next__(), type(src).__name__)
try:
    iter([]).__next__()
except StopIteration as e:
    print("stop", repr(e), e.args)
try:
    iter([1]).__next__(1)
except TypeError as e:
    print(e)
try:
    iter([1]).__next__(x=1)
except TypeError as e:
    print(e)
xs = [1, 2, 3]
f = xs.__len__ if False else None
print(len(xs), sum(1 for _ in iter(xs).__iter__()), hasattr(5, "__next__"), hasattr(5, "__iter__"), hasattr("s", "__len__"))
obj = {"a": 1}
print(obj.__len__() if hasattr(obj, "__len__") else 0, hasattr(3.5, "__len__"))

# Item and membership slot wrappers (and dict's, list's and set's METH_O methods of those names).
d = {"a": 1}
t = (1, 2)
s = "abc"
objs = [d, t, s, range(5), b"xy", {3}, frozenset([4]), [1, 2]]
for obj in objs:
    print(type(obj).__name__, [n for n in ("__getitem__", "__setitem__", "__delitem__", "__contains__", "__len__", "__iter__", "__next__") if hasattr(obj, n)])
def pick(i):
    return objs[i]
print(d.__getitem__("a"), pick(1).__getitem__(-1), pick(2).__getitem__(1), range(5).__getitem__(2), d.__contains__("a"), pick(2).__contains__("z"))
d.__setitem__("b", 2); d.__delitem__("a"); print(d)
for call in [lambda: d.__getitem__("zz"), lambda: d.__getitem__(), lambda: d.__setitem__(1), lambda: pick(1).__getitem__(),
             lambda: pick(5).__contains__(), lambda: d.__contains__(), lambda: pick(7).__contains__(1, 2), lambda: d.__delitem__(),
             lambda: pick(7).__setitem__(0), lambda: pick(7).__len__(1), lambda: pick(1).__setitem__(0, 1)]:
    try:
        print(call())
    except (TypeError, KeyError, AttributeError) as e:
        print(type(e).__name__, e)
it = iter(d)
print(hasattr(it, "__getitem__"), hasattr(it, "__contains__"))
