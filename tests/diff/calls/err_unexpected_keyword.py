# A call CPython refuses: its TypeError (unexpected keyword).
def f(a):
    return a

f(1, b=2)
