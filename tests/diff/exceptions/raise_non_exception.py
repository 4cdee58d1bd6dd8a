# raise of a value that is not an exception: TypeError.
def f(x):
    raise x

f(3)
