# A call CPython refuses: its TypeError (too many one).
def g(x):
    return x

g(1, 2)
