# Item types through generators, variables holding a str or a list, and slice assignment of
# lists that other code keeps (decisions/0053).


def gen_double(xs):
    for x in xs:
        yield x * 2


def pick(flag):
    v = "ab" * 2 if flag else [1, 2]
    out = []
    for c in v:
        out.append(c * 2)
    return out


def main():
    g = [1, 2]
    print(list(gen_double(g)), sum(x for x in g))
    h = [1, 2]
    gen = gen_double(h)
    h.append("s")
    print(list(gen))
    print(pick(True), pick(False))
    outer = [[1]]
    src = [["s"]]
    outer[0:1] = src
    src[0].append("x")
    print([[v * 2 for v in row] for row in outer])
    flat = [1, 2, 3]
    flat[::2] = ["a", "b"]
    print([v * 2 for v in flat])
    n = [1, 2]
    n[slice(0, 1)] = [2.5]
    print([v * 2 for v in n])
    s = "x" * 3
    for ch in s:
        print(ch * 2, end=" ")
    print()
    nums = [3, 1, 2]
    acc = 0
    for k in nums:
        acc += k
    print(acc, max(k * 2 for k in nums))


main()


def extended():
    xs = [1]
    xs += "ab"
    for x in xs:
        print(x * 2, end=" ")
    ys = [1]
    ys += (2.5, 3)
    print([y * 2 for y in ys])
    s = "a" * 2
    s += "b"
    for ch in s:
        print(ch * 2, end=" ")
    print()


extended()
