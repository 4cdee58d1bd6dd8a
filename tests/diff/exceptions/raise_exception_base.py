# the base classes can be raised too
def g(n):
    if n:
        raise ArithmeticError("base class")
    raise Exception("plain")
g(0)
