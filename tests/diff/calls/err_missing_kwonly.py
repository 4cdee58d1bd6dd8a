# A call CPython refuses: its TypeError (missing kwonly).
def f(a, *, key):
    return a

f(1)
