# gc: collect() frees cycles of containers and returns how many objects it found (lists,
# dicts, tuples, function-local instances of a class with a fixed layout count as in CPython);
# enable/disable/isenabled; get_threshold/set_threshold (negative values included); the
# functions' argument errors.
import gc


def list_cycle():
    a = []
    a.append(a)


def dict_cycle():
    d = {}
    d["me"] = d


def pair_cycle():
    a, b = [1], [2]
    a.append(b)
    b.append(a)


class Node:
    def __init__(self, name):
        self.name = name
        self.other = None


def node_cycle():
    x = Node("x")
    y = Node("y")
    x.other = y
    y.other = x


print(gc.isenabled(), gc.get_threshold())
gc.collect()
list_cycle()
print("list cycle", gc.collect())
dict_cycle()
print("dict cycle", gc.collect(0))
pair_cycle()
pair_cycle()
print("two pairs", gc.collect(generation=1))
node_cycle()
print("node cycle", gc.collect(2))
print("nothing", gc.collect())
gc.disable()
print(gc.isenabled())
for _ in range(3000):
    list_cycle()
print("while disabled", gc.collect())
gc.enable()
print(gc.isenabled())
gc.set_threshold(100)
print(gc.get_threshold())
gc.set_threshold(500, 5, 7)
print(gc.get_threshold())
gc.set_threshold(-3)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
cases = [
    (gc.enable, (1,), {}), (gc.disable, (), {"x": 1}), (gc.collect, (5,), {}), (gc.collect, (-1,), {}),
    (gc.collect, ("x",), {}), (gc.collect, (), {"gen": 1}), (gc.collect, (1, 2), {}), (gc.collect, (2**40,), {}),
    (gc.collect, (True,), {}), (gc.collect, (1.0,), {}), (gc.set_threshold, (), {}), (gc.set_threshold, (1, 2, 3, 4), {}),
    (gc.set_threshold, ("a",), {}), (gc.set_threshold, (2**40,), {}), (gc.set_threshold, (-2**40,), {}),
    (gc.set_threshold, (2**70,), {}), (gc.set_threshold, (1.5,), {}), (gc.set_threshold, (1,), {"x": 2}),
    (gc.get_threshold, (1,), {}), (gc.isenabled, (), {"a": 1}),
]
for f, args, kwargs in cases:
    try:
        print(f.__name__, f(*args, **kwargs))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)
print(gc.get_threshold(), gc.collect, gc.enable.__module__)
