# TypeError: cannot unpack non-iterable int object.
def g(n):
    return n * 2

def f():
    x = g(2)
    a, b = x
    return a

f()
