# isdisjoint of keys and items views: with sets, views, lists, generators and itself; which
# side is iterated (the shorter, when the other is a set or a view) shows in a __hash__/__eq__
# that prints; its argument errors; values views have none.
class K:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        print("hash", self.v)
        return hash(self.v)

    def __eq__(self, other):
        print("eq", self.v)
        return isinstance(other, K) and self.v == other.v


d = {"a": 1, "b": 2, "c": 3}
e = {}
print(d.keys().isdisjoint({"x", "y"}), d.keys().isdisjoint(["c"]), d.keys().isdisjoint(x for x in "zq"))
print(d.items().isdisjoint([("a", 1)]), d.items().isdisjoint({("a", 2)}), d.items().isdisjoint(e.items()))
print(d.keys().isdisjoint(d.keys()), e.keys().isdisjoint(e.keys()), e.items().isdisjoint([]))
ks = d.keys()
print(ks.isdisjoint(ks), d.keys().isdisjoint({"b": 0}), d.keys().isdisjoint("abc"))
kd = {K(1): 0, K(2): 0, K(3): 0}
print("big view, small set:", kd.keys().isdisjoint({K(9)}))
print("small view, big set:", {K(7): 0}.keys().isdisjoint({K(4), K(5), K(6)}))
try:
    d.keys().isdisjoint()
except TypeError as ex:
    print(ex)
try:
    d.keys().isdisjoint(other=1)
except TypeError as ex:
    print(ex)
try:
    d.items().isdisjoint(5)
except TypeError as ex:
    print(ex)
try:
    d.values().isdisjoint([1])
except AttributeError as ex:
    print(ex)
d.keys().isdisjoint([[1]])
