# contextlib: @contextmanager (setup and teardown around the body, the value it yields, the
# exception thrown into the generator and what the generator does with it, CPython's
# RuntimeErrors), suppress, nullcontext, closing, ContextDecorator (a class deriving from it,
# and a @contextmanager function used as a decorator).
from contextlib import contextmanager, suppress, nullcontext, closing, ContextDecorator
import contextlib


@contextmanager
def tag(name):
    """Wrap in a tag."""
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


with tag("a") as t:
    print("inside", t)

print(tag.__name__, tag.__doc__, tag.__wrapped__.__name__)
cm = tag("b")
print(type(cm).__name__, cm.__doc__)
with cm as v:
    print(v)

try:
    with cm:
        pass
except AttributeError as e:
    print("AttributeError", e)


@contextmanager
def catching():
    try:
        yield
    except ValueError as e:
        print("caught", e)


with catching():
    raise ValueError("boom")
print("after suppressed")


@contextmanager
def no_yield():
    if False:
        yield


try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError", e, e.__suppress_context__, type(e.__context__).__name__)


@contextmanager
def two_yields():
    yield 1
    yield 2


try:
    with two_yields():
        pass
except RuntimeError as e:
    print("RuntimeError", e)

@contextmanager
def keeps_yielding():
    while True:
        try:
            yield 1
        except KeyError:
            pass


try:
    with keeps_yielding():
        raise KeyError("k")
except RuntimeError as e:
    print("RuntimeError", e, repr(e.__context__))


@contextmanager
def converting():
    try:
        yield
    except ZeroDivisionError as e:
        raise ValueError("converted") from e


try:
    with converting():
        1 / 0
except ValueError as e:
    print("ValueError", e, repr(e.__cause__))


@contextmanager
def passthrough():
    yield


try:
    with passthrough():
        raise StopIteration("s")
except StopIteration as e:
    print("StopIteration escaped", e)

with suppress(KeyError, IndexError):
    {}["x"]
print("suppressed KeyError")
with suppress():
    pass
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print("IndexError", e)

with nullcontext(5) as n:
    print("null", n)
with nullcontext() as n:
    print("null", n)


class Res:
    def close(self):
        print("closed")


with closing(Res()) as r:
    print(type(r).__name__)


class mycm(ContextDecorator):
    def __enter__(self):
        print("enter mycm")
        return self

    def __exit__(self, *exc):
        print("exit mycm", exc[0])
        return False


@mycm()
def work(x, y=2):
    print("work", x, y)
    return x + y


print(work(1, y=5), work.__name__)


@tag("deco")
def decorated():
    print("in decorated")
    return 7


print(decorated())
print(decorated())
print(contextlib.suppress.__name__, contextlib.nullcontext.__module__, contextlib.closing.__qualname__)
s = suppress(ValueError)
print(s._exceptions, nullcontext(3).enter_result)
print(isinstance(cm, ContextDecorator), type(cm).__name__, type(cm).__module__)
with tag("x"), tag("y") as yy:
    print(yy)


@contextmanager
def args_kw(a, *rest, k=0, **kw):
    yield (a, rest, k, kw)


with args_kw(1, 2, 3, k=4, z=5) as got:
    print(got)
