# Calls of function objects: the bound parameters reach the body as words the caller (compiled
# code or the runtime) lends, with every binding shape, and bodies that drop what the runtime
# caller took the arguments from.
def shapes():
    def pos(a, b):
        return (a, b)
    def dflt(a, b=[1], *rest, c, d=None, **kw):
        return (a, b, rest, c, d, sorted(kw.items()))
    def posonly(a, /, b, *, c=3):
        return (a, b, c)
    star = lambda *a, **k: (a, sorted(k.items()))
    print(pos(1, 2), pos(b=2, a=1), pos(*[1, 2]), pos(**{"a": 1, "b": 2}))
    print(dflt(1, c=2), dflt(1, 2, 3, 4, c=5, d=6, e=7, f=8))
    print(posonly(1, 2), posonly(1, b=2, c=4))
    print(star(), star(1, 2, x=3), star(*range(3), **{"y": 4}))
    for bad in (lambda: pos(1), lambda: pos(1, 2, 3), lambda: pos(1, a=2), lambda: dflt(1),
                lambda: posonly(a=1, b=2), lambda: pos(1, c=2)):
        try:
            bad()
        except TypeError as e:
            print("TypeError:", e)
shapes()

def runtime_callers():
    data = [[3], [1], [2]]
    def drop_then_use(x):
        data.clear()
        return x[0] * 10
    print(list(map(drop_then_use, data[:])), data)
    items = [[5], [4], [6]]
    print(sorted(items, key=lambda x: (items.clear(), x[0])[1]), items)
    items = [[5], [4], [6]]
    print(min(items, key=lambda x: (items.append([0]) if len(items) < 5 else None, x[0])[1]))
    pool = {"a": [1], "b": [2]}
    print(list(filter(lambda v: (pool.clear(), v[0] > 1)[1], list(pool.values()))))
    lst = [[1, 2], [3, 4]]
    try:
        lst.sort(key=lambda v: (lst.append(v), v[0])[1])
    except ValueError as e:
        print("ValueError:", e, lst)
runtime_callers()

def depth(n):
    f = lambda k: k if k == 0 else f(k - 1)
    return f(n)
print(depth(500))
def deep():
    g = lambda: g()
    try:
        g()
    except RecursionError as e:
        print("RecursionError:", e)
deep()

class C:
    def __init__(self, v):
        self.v = v
    def m(self, a, b=2, *c, **d):
        return (self.v, a, b, c, sorted(d.items()))
o = C(1)
bound = o.m
print(bound(5), bound(5, 6, 7, x=8), list(map(o.m, [1, 2])), sorted([3, 1, 2], key=C))
print(sorted([C(2), C(1)], key=lambda c: c.v)[0].v)
gen = (lambda *xs: (x * 2 for x in xs))(1, 2, 3)
print(list(gen))
bad = lambda a: a
bad(1, 2)
