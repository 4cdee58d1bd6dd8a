# A cause that is not an exception: TypeError.
def f(c):
    raise ValueError("v") from c

f(5)
