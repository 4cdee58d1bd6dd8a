# Module objects are values: passed around, compared, their attributes read by name.
import math
import math as m2
import sys, time
from typing import List


def hypotenuse(mod, a, b):
    return mod.sqrt(a * a + b * b)


print(math is m2, math.__name__, m2.__name__, type(math).__name__)
print(hypotenuse(math, 3, 4))
print(hasattr(math, "floor"), hasattr(math, "missing"), getattr(math, "missing", "default"))
f = math.floor
print(f(3.5), f, math.sqrt)
mods = [math, sys, time]
print([x.__name__ for x in mods])
print(callable(math.sqrt), callable(math.pi))
try:
    math.nothing_like_this
except AttributeError as e:
    print("AttributeError:", e)
print(math.no_such_attribute)
