# copy.copy and copy.deepcopy: builtin containers, shared and cyclic structures, instances
# with __dict__ and __slots__, __copy__/__deepcopy__/__getstate__/__setstate__, exceptions and
# the collections types.
import copy
from collections import Counter, OrderedDict, defaultdict, deque, namedtuple

nested = [1, [2, 3], {"k": [4]}, (5, [6]), {7, 8}, frozenset({9})]
shallow = copy.copy(nested)
deep = copy.deepcopy(nested)
print(shallow == nested, shallow is nested, shallow[1] is nested[1], deep[1] is nested[1], deep == nested)
print(deep[3] is nested[3], deep[3][1] is nested[3][1], copy.deepcopy((1, "a")) == (1, "a"))
t = (1, 2)
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy(len) is len)
shared = [0]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)
cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc is cyc, len(dc))
d = {"a": {"b": 1}}
d["self"] = d
dd = copy.deepcopy(d)
print(dd["self"] is dd, dd["a"] is d["a"], dd["a"])


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.tags = ["p"]

    def __repr__(self):
        return f"Point({self.x}, {self.y}, {self.tags})"


p = Point(1, 2)
p2 = copy.copy(p)
p3 = copy.deepcopy(p)
p.tags.append("changed")
print(p2, p3, type(p3).__name__, p2.tags is p.tags, p3.tags is p.tags)


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = [1]


s = copy.deepcopy(Slotted())
print(s.a, hasattr(s, "b"))


class Custom:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        print("__copy__ called")
        return Custom(self.v + 1)

    def __deepcopy__(self, memo):
        print("__deepcopy__ called", type(memo).__name__)
        return Custom(self.v + 100)


print(copy.copy(Custom(1)).v, copy.deepcopy([Custom(1)])[0].v)


class Stateful:
    def __init__(self):
        self.data = [1, 2]
        self.cache = "big"

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["cache"]
        return state

    def __setstate__(self, state):
        print("setstate", sorted(state))
        self.__dict__.update(state)
        self.cache = None


st = copy.deepcopy(Stateful())
print(st.data, st.cache)


class AppError(Exception):
    pass


e = AppError("boom", 3)
e.extra = [1]
e2 = copy.deepcopy(e)
print(type(e2).__name__, e2.args, e2.extra, e2.extra is e.extra)

Pt = namedtuple("Pt", "x y")
print(copy.copy(Pt(1, [2])), copy.deepcopy(Pt(1, [2])))
c = Counter("abca")
dq = deque([[1], [2]], maxlen=3)
dfd = defaultdict(list, {"k": [1]})
od = OrderedDict([("b", [1]), ("a", [2])])
for obj in (c, dq, dfd, od):
    sc, dcp = copy.copy(obj), copy.deepcopy(obj)
    print(type(sc).__name__, sc == obj, dcp == obj, sc is obj, dcp)
print(copy.deepcopy(dq)[0] is dq[0], copy.copy(dq)[0] is dq[0], copy.deepcopy(dq).maxlen)
memo = {}
a = [1]
x = copy.deepcopy([a, a], memo)
print(x[0] is x[1], id(a) in memo)




class Node:
    def __init__(self, v):
        self.v = v
        self.children = []
        self.parent = None


root = Node(0)
for i in range(3):
    n = Node(i + 1)
    n.parent = root
    root.children.append(n)
r2 = copy.deepcopy(root)
print(r2.children[0].parent is r2, r2 is not root, [c.v for c in r2.children])
g = {"a": [1, 2], "b": None}
g["b"] = g["a"]
h = copy.deepcopy(g)
print(h["a"] is h["b"], h)
print(copy.deepcopy(3.5), copy.deepcopy(None), copy.copy([]) == [])
