# `yield from` forwarding corner cases: throw() through a delegate chain of depth 3, close()
# with a delegate whose finally raises, non-generator delegates with and without throw/close
# methods, StopIteration values, PEP 479 inside a delegate, gi_yieldfrom, gi_running.


def leaf():
    try:
        while True:
            try:
                x = yield "leaf"
                print("leaf got", x)
            except KeyError as e:
                print("leaf caught", repr(e))
                return "leaf-ret"
    finally:
        print("leaf finally")


def middle():
    try:
        r = yield from leaf()
        print("middle got", r)
        yield "middle-after"
    finally:
        print("middle finally")


def top():
    try:
        r = yield from middle()
        print("top got", r)
    except ValueError as e:
        print("top caught", repr(e))
        yield "top-handled"
    finally:
        print("top finally")


t = top()
print(next(t))
print(t.send("hello"))
print(t.throw(KeyError("k")))
print(t.gi_yieldfrom is not None, t.gi_running)
try:
    next(t)
except StopIteration as e:
    print("top stop", e.value)

t = top()
next(t)
print(t.throw(ValueError("v")))
t.close()
print("closed")

t = top()
next(t)
try:
    t.throw(IndexError("deep"))
except IndexError as e:
    print("IndexError out of the chain", repr(e))
print(t.gi_yieldfrom, t.gi_suspended)

t = top()
next(t)
t.close()
print("chain closed")


def bad_finally():
    try:
        yield 1
    finally:
        raise ValueError("from finally")


def outer_catches():
    try:
        yield from bad_finally()
    except ValueError as e:
        print("outer caught", repr(e), repr(e.__context__))
        return
    finally:
        print("outer finally")


o = outer_catches()
next(o)
o.close()
print("close ok")


def outer_lets_through():
    try:
        yield from bad_finally()
    finally:
        print("outer finally 2")


o = outer_lets_through()
next(o)
try:
    o.close()
except ValueError as e:
    print("close raised", repr(e), repr(e.__context__))


class Thrower:
    def __init__(self):
        self.n = 0

    def __iter__(self):
        return self

    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration("thrower-done")
        return self.n

    def send(self, v):
        print("Thrower.send", v)
        return self.__next__()

    def throw(self, *args):
        print("Thrower.throw", len(args), [type(a).__name__ for a in args])
        if isinstance(args[0], KeyError) or args[0] is KeyError:
            raise StopIteration("thrown-done")
        return 100

    def close(self):
        print("Thrower.close")


def over_thrower():
    r = yield from Thrower()
    print("over_thrower got", r)
    yield "end"


g = over_thrower()
print(next(g), g.send("a"), g.send(None))
print(next(g))
print(next(g, "exhausted"))

g = over_thrower()
next(g)
print(g.throw(TypeError))
print(g.throw(TypeError, "msg"))
print(g.throw(KeyError("x")))
g.close()

g = over_thrower()
next(g)
g.close()
print("closed thrower")


class Plain:
    def __iter__(self):
        return self

    def __next__(self):
        return 7


def over_plain():
    try:
        yield from Plain()
    except KeyError as e:
        print("over_plain caught", repr(e))
        yield "caught"


g = over_plain()
print(next(g))
print(g.throw(KeyError("p")))
g.close()


def returns_tuple():
    yield 1
    return (1, 2)


def gets_tuple():
    r = yield from returns_tuple()
    print("tuple result", r)


list(gets_tuple())


def raises_stop():
    yield 1
    raise StopIteration("inner")


def over_raises_stop():
    try:
        yield from raises_stop()
    except RuntimeError as e:
        print("RuntimeError", e, "cause", repr(e.__cause__))


list(over_raises_stop())


def self_ref():
    yield from g2


g2 = self_ref()
try:
    next(g2)
except ValueError as e:
    print("ValueError", e)


def running_check():
    print("running inside", outer_gen.gi_running)
    yield 1


def outer_running():
    yield from running_check()


outer_gen = outer_running()
next(outer_gen)
print(outer_gen.gi_yieldfrom.__name__)
print("end")
