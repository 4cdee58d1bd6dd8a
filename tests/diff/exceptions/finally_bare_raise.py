# A bare raise in finally on the exceptional path re-raises the exception.
def f(n):
    try:
        if n:
            raise KeyError("k")
        print("no exception")
    finally:
        print("finally", n)
def g():
    try:
        f(1)
    except KeyError as e:
        print("caught", repr(e))
f(0)
g()
def h():
    try:
        raise IndexError("i")
    finally:
        raise
try:
    h()
except IndexError as e:
    print("h", e)
