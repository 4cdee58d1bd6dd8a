# The cause may be a class (instantiated) and the raised exception a variable.
def f():
    err = ValueError("outer")
    raise err from TypeError

try:
    f()
except ValueError as e:
    print("caught", e)
f()
