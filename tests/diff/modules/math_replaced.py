# A program that replaces a function of `math` (through a constant-named `setattr`, or a
# module object held by a parameter): those calls are not resolved at compile time; the
# replacement is what they call, as in CPython.
import math


def install(module, name, fn):
    setattr(module, name, fn)


def patch(m):
    m.cos = lambda x: "patched cos of " + repr(x)


print(math.sqrt(16.0), math.cos(0.0))
install(math, "sqrt", lambda x: "fake sqrt of " + repr(x))
print(math.sqrt(16.0), math.cos(0.0))
patch(math)
print(math.sqrt(2.0), math.cos(1.0), math.sin(0.0))
setattr(math, "sqrt", "not callable")
try:
    math.sqrt(1.0)
except TypeError as e:
    print("TypeError:", e)
