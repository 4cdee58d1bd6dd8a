# A call CPython refuses: its TypeError (missing).
def f(a, b):
    return a

print(f(1))
