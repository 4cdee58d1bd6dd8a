# Item types of nested containers (decisions/0053): lists in lists and in tuples share their
# inner lists, and a store through any path to an inner list must reach its item type.


class Box:
    def add(self, xs):
        xs.append("box")


class R:
    def __init__(self):
        self.data = [["user"]]

    def __rmul__(self, other):
        return self.data


def energy(bodies):
    e = 0.0
    for (pos, vel, m) in bodies:
        e += m * (vel[0] * vel[0] + vel[1] * vel[1])
        pos[0] += vel[0] * 0.5
    return e


def main():
    grid = [[0] * 3 for _ in range(3)]
    grid[1][2] = 5
    total = 0
    for row in grid:
        for v in row:
            total += v
    print(total, grid)
    g2 = [[1, 2], [3]]
    inner = g2[0]
    inner.append("s")
    print([v * 2 for row in g2 for v in row])
    g3 = [[1], [2]]
    Box().add(g3[1])
    print([[v * 2 for v in row] for row in g3])
    bodies = [([0.0, 1.0], [1.0, 2.0], 3.0), ([4.0, 5.0], [0.5, 0.25], 6.0)]
    print(energy(bodies), bodies)
    t = ([1], 2)
    t[0].append("t")
    print([v * 2 for v in t[0]])
    x = [[1]] * 2
    x[0].append(2.5)
    print(x, [v * 2 for v in x[1]])
    y = [[1]]
    z = y * 2
    z[1].append("q")
    print([v * 2 for v in y[0]])
    w = [[1]] * R()
    print([[v * 2 for v in row] for row in w])
    a, *mid, b = [[1], [2], [3], [4]]
    mid[0].append("mid")
    print([v * 2 for v in [[1], [2]][0]], [[v * 2 for v in row] for row in mid])
    s = [[1], [2]][:]
    s[0].append("slice")
    print([[v * 2 for v in row] for row in s])
    c = [[1]]
    d = c.copy()
    d[0].append("copy")
    print([v * 2 for v in c[0]])
    u = [[1]]
    for row in list(u):
        row.append("list()")
    print([v * 2 for v in u[0]])
    m = [[1], [2]]
    last = m.pop()
    last.append("popped")
    print(m, [v * 2 for v in last])
    tt = [([1],)]
    for (q,) in tt:
        q.append("unpacked")
    print([v * 2 for v in tt[0][0]])
    e = [[1]]
    for row in e:
        f = row
    f.append("loop var")
    print([v * 2 for v in e[0]])
    deep = [[[1]]]
    deep[0][0].append("deep")
    print([v * 2 for v in deep[0][0]])
    self_ref = [1]
    self_ref.append(self_ref)
    print(self_ref, len(self_ref[1]))
    big = [[2**64 + i for i in range(3)] for _ in range(2)]
    print(sum(v for row in big for v in row))
    rows = [[1, 2], [3, 4]]
    print(rows[0][5])




class Grab:
    def __eq__(self, other):
        if isinstance(other, list):
            other.append("eq")
        return False


def item_escapes():
    # Items handed to code this analysis does not follow: a key function, iterators of
    # builtins, a user's __eq__, containers made by builtins.
    grid = [[1], [2]]

    def key(row):
        row.append("key")
        return len(row)

    grid.sort(key=key)
    print([[v * 2 for v in row] for row in grid])
    g2 = [[1], [2]]
    for i, row in enumerate(g2):
        row.append("enum")
    print([[v * 2 for v in row] for row in g2])
    g3 = [[1]]
    for row, _ in zip(g3, [0]):
        row.append("zip")
    print([[v * 2 for v in row] for row in g3])
    g4 = [[1]]
    for row in reversed(g4):
        row.append("rev")
    print([[v * 2 for v in row] for row in g4])
    g5 = [[1]]
    it = iter(g5)
    next(it).append("iter")
    print([[v * 2 for v in row] for row in g5])
    g6 = [[1]]
    print(Grab() in g6, g6.count(Grab()))
    print([[v * 2 for v in row] for row in g6])
    g7 = [[1], [2, 3]]
    m = max(g7, key=len)
    m.append("max")
    print([[v * 2 for v in row] for row in g7])
    g8 = [[1]]
    s = g8[slice(0, 1)]
    s[0].append("slice object")
    print([[v * 2 for v in row] for row in g8])
    g9 = [("k", [1])]
    d = dict(g9)
    d["k"].append("dict")
    print([v * 2 for v in g9[0][1]])
    g10 = [[1], [2]]
    total = 0
    for row in g10:
        for v in row:
            total += v
    print(total, sum([[1], [2]], []))


item_escapes()
main()
