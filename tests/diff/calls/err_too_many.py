# A call CPython refuses: its TypeError (too many).
def f(a, b=1):
    return a

f(1, 2, 3)
