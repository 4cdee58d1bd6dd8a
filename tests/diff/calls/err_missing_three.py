# A call CPython refuses: its TypeError (missing three).
def f(a, b, c, d=1):
    return a

f()
