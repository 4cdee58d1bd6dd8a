# f-strings through a str builder (decisions/0060): every kind of part, the order in which
# fields are evaluated and formatted, errors between parts (the builder is released), long
# and non-ASCII texts, fields in generators and in try bodies.


class Fmt:
    def __init__(self, tag):
        self.tag = tag

    def __format__(self, spec):
        print("format", self.tag, repr(spec))
        if spec == "boom":
            raise ValueError("bad spec for " + self.tag)
        if spec == "int":
            return 42
        return "<" + self.tag + ":" + spec + ">"

    def __repr__(self):
        return "Fmt(" + self.tag + ")"


def side(tag, value):
    print("eval", tag)
    return value


def kinds():
    x, f, s, b, n = 7, 2.5, "abc", True, None
    big = 10**30
    print(f"int {x} {x:5} {x:<5}| {x:^7}| {x:+d} {x:#x} {x:08b} {-x:=+6} {x:,} {12345678:_}")
    print(f"float {f} {f:.3f} {f:10.2e} {f:%} {f:g} {-0.0} {float('inf'):>6} {float('nan')} {1e22} {f:z.1f}")
    print(f"str {s} {s:>6}|{s:*^9}|{s:.2}|{s!r}|{s!a:>8}|{'é€😀'!a}")
    print(f"bool {b} {b:d} {b:>6}| none {n} {n!r:>6}|")
    print(f"big {big} {big:,} {-big:x} {big:e}")
    print(f"objects {[1, 'a']} {(1,)} {{'k': 1}} {b'x'} {Fmt('plain')} {Fmt('spec'):abc}")
    print(f"debug {x=} {f=:.1f} {s=!s} {x = }")
    w, p = 10, 3
    print(f"nested {f:{w}.{p}f}|{s:{'>'}{w}}|{x:{'0'}{w}d}")
    for v in (0, 5, -5, 123456, -2**63, 2**63 - 1, 2**64):
        print(f"plain {v:05d}|{v:<05d}|{v:x^7d}|{v:=8d}|{v:0=8d}|{v:*>3}|{v:d}|{v:0}|{v:-^11d}")
    for v in (0.0, -0.0, 2.5, -2.5, 0.125, -1e-9, 1e19, 1.8446744073709552e19, 1e300, float("inf"), float("-nan")):
        print(f"plain {v:.0f}|{v:08.3f}|{v:<9.2f}|{v:^9.1F}|{v:=10.2f}|{v:f}|{v:.17f}|{v:.18f}|{v:0=12.1f}")
    print(f"{x}{f}{s}")
    print(f"{''}{s}{''}" + f"{x:}{s!s:}")


def long_texts():
    part = "xyz" * 50
    t = f"{part}-{part}-{part}-{part}"
    print(len(t), t[:10], t[-10:])
    u = f"é{'ü' * 150}→{3:€^201}←{'😀' * 70}"
    print(len(u), u[:5], u[150:156], u[-3:])
    rows = [f"{i:>4}|{i * i:06d}|{i / 3:.2f}|{'ab' * (i % 4)}" for i in range(300)]
    print(len("".join(rows)), rows[7], rows[299])


def order():
    # Each field is evaluated, then formatted, before the next field's expression runs.
    print(f"{side('a', Fmt('a'))}{side('b', 2):>3}{side('c', Fmt('c')):xy}")
    try:
        print(f"[{side('d', Fmt('d')):ok}{side('e', Fmt('e')):boom}{side('f', 3)}]")
    except ValueError as e:
        print("caught", e)
    try:
        print(f"[{side('g', 1)}{side('h', 2.5):q}{side('i', 3)}]")
    except ValueError as e:
        print("caught", e)
    try:
        print(f"[{side('j', 'txt')}{side('k', Fmt('k')):int}{side('l', 3)}]")
    except TypeError as e:
        print("caught", e)
    try:
        print(f"[{side('m', 1)}{1 / 0}{side('n', 3)}]")
    except ZeroDivisionError as e:
        print("caught", e)


def gen():
    got = f"start {(yield 1)} mid {(yield 2):>5} end"
    yield got


def loops():
    # Errors inside a loop: no builder may stay behind.
    caught = 0
    for i in range(1000):
        try:
            s = f"{i}:{i / (i % 3)}:{i:06d}"
        except ZeroDivisionError:
            caught += 1
    print(caught, s)


def in_try(v):
    try:
        s = f"a{v}b{v:>5}c"
    except ValueError:
        s = "bad"
    return s


kinds()
long_texts()
order()
g = gen()
print(next(g), g.send("one"), g.send(2.5))
loops()
print(in_try(1), in_try(2.5), in_try("x"))
print(f"{in_try(Fmt('t'))}")
print(f"{Fmt('last'):boom}")
