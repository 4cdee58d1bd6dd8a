# A call CPython refuses: its TypeError (posonly keyword).
def f(a, /, b):
    return a

f(a=1, b=2)
