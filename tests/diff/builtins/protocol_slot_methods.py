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
