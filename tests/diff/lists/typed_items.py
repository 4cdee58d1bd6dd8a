# Lists whose items inference types (decisions/0053), and every way a list can get an item of
# another type behind inference's back, which must leave it untyped.
import heapq


class P:
    def __init__(self, x):
        self.x = x

    def step(self, d):
        self.x += d
        return self.x


class Box:
    def __init__(self):
        self.items = None

    def add(self, xs):
        xs.append("box")


def total(xs):
    s = 0
    for x in xs:
        s += x * 2
    return s


def ftotal(xs):
    s = 0.0
    for i in range(len(xs)):
        s += xs[i] / 2
    return s


def words(ws):
    out = []
    for w in ws:
        out.append(w.upper() + "!")
    return "".join(out)


def appender(xs, v):
    xs.append(v)


def make(n):
    return [i * i for i in range(n)]


G = [1, 2, 3]


def grow_global():
    G.append("str in a global list")


def main():
    xs = [i for i in range(10)]
    print(total(xs), ftotal([1.5, 2.5, 4.0]), words(["a", "bc"]))
    big = [2**70, 3**50, -5]
    print(total(big), big[0] * 3, big[-1])
    ps = [P(float(i)) for i in range(4)]
    for p in ps:
        p.step(0.5)
    print([p.x for p in ps], ps[2].step(1.0))
    grid = [[0] * 3 for _ in range(3)]
    for row in grid:
        row[1] = 7
    print(grid, sum(r[1] for r in grid))

    # Aliases and calls that change the item type.
    a = [1, 2]
    b = a
    b.append(1.5)
    print(total(a))
    c = [1, 2]
    appender(c, "s")
    print([x * 2 for x in c])
    grow_global()
    print([x * 2 for x in G])
    d = [1]
    holder = [d]
    holder[0].append("held")
    print([x * 2 for x in d])
    e = [1]
    bx = Box()
    bx.items = e
    bx.items.append("attr")
    print([x * 2 for x in e])
    f = [1]
    Box().add(f)
    print([x * 2 for x in f])
    g = [1]

    def inner():
        g.append("closure")

    inner()
    print([x * 2 for x in g])
    h = [3, 1]
    heapq.heappush(h, 2)
    heapq.heappush(h, "x") if False else None
    print([x * 2 for x in h])
    k = [1, 2]
    k[0] = 2.5
    print([x * 2 for x in k])
    m = [1, 2]
    m[0:1] = ["a", "b"]
    print([x * 2 for x in m])
    n = [1]
    n.extend(["e"])
    print([x * 2 for x in n])
    o = [1]
    o += ["i"]
    print([x * 2 for x in o])
    q = [1]
    q.insert(0, "ins")
    print([x * 2 for x in q])
    t = ([1], 0)
    t[0].append("tup")
    print([x * 2 for x in t[0]])
    dd = {"k": [1]}
    dd["k"].append("dict")
    print([x * 2 for x in dd["k"]])
    r = [1, 2]
    for x in r:
        if x == 1:
            r.append(0.25)
    print(r, total(r))
    s = [5]
    s2 = s.copy()
    s2.append("copy")
    print(total(s), s2)
    u = [1, 2] if len(xs) > 3 else None
    print(total(u))
    v = make(4)
    v.append(10)
    print(total(v), v[3] + 1)
    w = [1, 2]
    w.extend(make(3))
    print(total(w))
    y = [1]
    lam = lambda: y.append("lam")
    lam()
    print([x * 2 for x in y])
    z = [4, 0, 2]
    for x in z:
        print(8 // x)


main()
