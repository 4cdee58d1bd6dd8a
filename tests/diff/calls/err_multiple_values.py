# A call CPython refuses: its TypeError (multiple values).
def f(a, b):
    return a

f(1, a=2)
