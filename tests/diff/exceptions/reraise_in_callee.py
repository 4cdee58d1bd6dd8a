# A bare raise in a function called from a handler re-raises the handled exception (no frame for the callee).
def g():
    raise
def f():
    try:
        1/0
    except ZeroDivisionError:
        g()
f()
