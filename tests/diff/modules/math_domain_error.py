# An uncaught error of a math function resolved at compile time (decisions/0047): CPython's
# traceback, the call's location included.
import math


def hypotenuse(a, b):
    return math.sqrt(a * a - b * b)


print(hypotenuse(5.0, 4.0))
print(hypotenuse(3.0,
                 4.0))
