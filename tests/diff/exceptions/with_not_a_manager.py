# A `with` of an object that is no context manager, on one line: CPython's TypeError at the
# statement, without carets.
def f(x):
    with x: pass


f(5)
