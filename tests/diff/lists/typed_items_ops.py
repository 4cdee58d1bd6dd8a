# Item types through list operators, str.split, list(), generators and recursion
# (decisions/0053), and the operators that hand a list to a user's method.


class Sneaky:
    def __rmul__(self, other):
        other.append("rmul")
        return other

    def __radd__(self, other):
        other.append("radd")
        return 5


class S:
    def __init__(self):
        self.l = [1]

    def split(self):
        return self.l


def doubled(xs):
    return [x * 2 for x in xs]


def gen(xs):
    for x in xs:
        yield x * 2


def rec(xs, n):
    if n:
        xs.append(n)
        rec(xs, n - 1)
    return xs


G2 = [1, 2]


def reset():
    global G2
    G2 = ["s", "t"]


def use_g2():
    return [x * 2 for x in G2]


def main():
    zeros = [0] * 4
    zeros[1] = 5
    print([v * 2 for v in zeros], zeros * 2, 2 * zeros)
    strs = [0] * 3
    strs[2] = "s"
    print([v * 2 for v in strs])
    a = [1]
    b = a * 2
    b.append("x")
    print([v * 2 for v in a], [v * 2 for v in b])
    x = [1]
    y = x
    y += ["s"]
    print([v * 2 for v in x])
    m = [1]
    m *= 3
    print([v * 2 for v in m], m)
    xs = [1, 2]
    ys = xs * Sneaky()
    print([v * 2 for v in xs], ys is xs)
    zs = [3]
    print(zs + Sneaky(), [v * 2 for v in zs])
    words = "a b c".split()
    print([v * 2 for v in words])
    words2 = "d e".split()
    words2.append(1)
    print([v * 2 for v in words2])
    print([v * 2 for v in list("abc")], [v * 2 for v in list(range(3))], [v * 2 for v in list((1, "t"))])
    s = S()
    parts = s.split()
    s.l.append("m")
    print([v * 2 for v in parts])
    g = [1, 2]
    print(list(gen(g)))
    r = rec([0], 3)
    print([v * 2 for v in r])
    print(use_g2())
    reset()
    print(use_g2())
    srt = [3, 1, 2]
    srt.sort(key=lambda v: -v)
    print([v * 2 for v in srt], srt.pop(), srt)
    d = [1, 2, 3]
    del d[0]
    print([v * 2 for v in d])
    d.clear()
    print([v * 2 for v in d])
    mut = [1, 2, 3]
    for v in mut:
        mut[2] = "z"
        print(v * 2)
    c = [1, 2] + [3.5]
    print([v * 2 for v in c])
    i = [10, 20]
    print(i[5])


main()
