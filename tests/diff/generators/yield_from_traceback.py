# `yield from`: finalisation of a generator freed while suspended in a delegate (both
# finally blocks, inner first), and the traceback of an exception thrown through a delegate
# chain of depth 3 (the delegates' frames last).


def inner():
    try:
        yield 1
    finally:
        print("inner finally")


def outer():
    try:
        yield from inner()
    finally:
        print("outer finally")


def drop_suspended():
    g = outer()
    x = next(g)
    g = None
    print(x)


drop_suspended()
print("dropped")


def leaf():
    yield "leaf"
    yield "leaf again"


def middle():
    yield from leaf()


def top():
    yield from middle()


t = top()
print(next(t))
t.throw(ZeroDivisionError("thrown through three levels"))
