# Calls of math's functions of one real number, resolved at compile time (decisions/0047):
# typed on floats and ints, the runtime's function on other values, CPython's results and
# errors either way.
import math
from math import sqrt, sin as sine, log


def early():
    return cmath_like.sqrt(4.0)


class Celsius:
    def __init__(self, t):
        self.t = t

    def __float__(self):
        return self.t + 273.15


def attempt(label, f, x):
    try:
        print(label, repr(f(x)))
    except (ValueError, OverflowError, TypeError) as e:
        print(label, type(e).__name__, e)


def norm(xs):
    total = 0.0
    for x in xs:
        total += x * x
    return math.sqrt(total)


print(norm([3.0, 4.0]), norm([1.0, 2.0, 2.0]), norm([]))
print(math.sqrt(2), sqrt(16), sqrt(True), math.sqrt(10 ** 20), math.sqrt(Celsius(0.0)))
print(sine(math.pi / 6), math.cos(0), math.tan(1.0), math.atan(1e308), math.exp(1))
print(log(math.e), log(10 ** 400), math.log10(2 ** 2000), math.log2(1024), math.log2(True), math.log1p(1e-20))
print(math.degrees(math.pi), math.radians(180), math.fabs(-3), math.cbrt(27.0), math.exp2(10), math.expm1(1e-10))
print(math.sinh(1.5), math.cosh(-2), math.tanh(0.5), math.asinh(1), math.acosh(2), math.atanh(0.5))
print(math.erf(0.5), math.erfc(0.5), math.gamma(5), math.lgamma(10.5), math.asin(1), math.acos(-1))
print(math.sqrt(float("inf")), math.sqrt(float("nan")), math.exp(float("-inf")), math.atan(float("inf")))

attempt("sqrt(-1)", math.sqrt, -1.0)
attempt("sqrt(-1) int", lambda x: math.sqrt(x), -1)
attempt("sqrt str", lambda x: math.sqrt(x), "4")
attempt("sqrt None", lambda x: sqrt(x), None)
attempt("sqrt big", lambda x: math.sqrt(x), 10 ** 400)
attempt("log(0)", lambda x: math.log(x), 0.0)
attempt("log(0) int", lambda x: log(x), 0)
attempt("log(-2)", lambda x: math.log(x), -2)
attempt("log10 big", lambda x: math.log10(x), -(10 ** 400))
attempt("exp(1000)", lambda x: math.exp(x), 1000.0)
attempt("cosh(1000)", lambda x: math.cosh(x), 1000)
attempt("acos(2)", lambda x: math.acos(x), 2)
attempt("gamma(0)", lambda x: math.gamma(x), 0.0)
attempt("gamma(-1)", lambda x: math.gamma(x), -1)
attempt("lgamma(-2)", lambda x: math.lgamma(x), -2.0)
attempt("atanh(1)", lambda x: math.atanh(x), 1.0)
attempt("sin(inf)", lambda x: sine(x), float("inf"))
attempt("sqrt list", lambda x: math.sqrt(x), [1.0])

try:
    early()
except NameError as e:
    print("NameError:", e)


def before_import():
    return late_math.sqrt(9.0)


try:
    before_import()
except NameError as e:
    print("NameError:", e)
import math as late_math
print(before_import())
cmath_like = math
print(early())
