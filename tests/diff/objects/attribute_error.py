# AttributeError on an int, with CPython's message and markers.
def f(x):
    return x.foo

print(f(2.5).real if False else "start")
f(3)
